import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/**
 * An e-mail address that may wrap on a narrow screen: only after the `@` (and, for a part
 * longer than the line, wherever it must), never as `alice@e / xample / .test`.
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
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Address {
  readonly address = input.required<string>();

  protected readonly parts = computed(() => {
    const address = this.address();
    const at = address.lastIndexOf('@');
    return at < 0
      ? { local: address, domain: null }
      : { local: address.slice(0, at), domain: address.slice(at + 1) };
  });
}
