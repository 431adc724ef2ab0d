import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { toUnicodeName } from '../data/idn';

/**
 * An e-mail address (or a bare domain) that may wrap on a narrow screen: only after the `@`
 * (and, for a part longer than the line, wherever it must), never as `alice@e / xample / .test`.
 * An internationalised domain reads in Unicode, with the stored punycode as the tooltip.
 */
@Component({
  selector: 'yb-address',
  template: `<span class="part">{{ parts().local }}</span>
    @if (parts().domain !== null) {
      <wbr /><span class="part">&#64;{{ parts().domain }}</span>
    }`,
  styles: `
    :host {
      display: inline;
    }
    .part {
      display: inline-block;
      max-width: 100%;
      overflow-wrap: anywhere;
    }
  `,
  host: { '[attr.title]': 'stored()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Address {
  readonly address = input.required<string>();

  private readonly shown = computed(() => toUnicodeName(this.address()));
  protected readonly stored = computed(() =>
    this.shown() === this.address() ? null : this.address(),
  );
  protected readonly parts = computed(() => {
    const address = this.shown();
    const at = address.lastIndexOf('@');
    return at < 0
      ? { local: address, domain: null }
      : { local: address.slice(0, at), domain: address.slice(at + 1) };
  });
}
