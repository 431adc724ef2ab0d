import { Pipe, type PipeTransform } from '@angular/core';
import { toUnicodeName } from '../data/idn';

/**
 * A domain or address as people read it: `{{ 'alice@xn--r8jz45g.jp' | unicodeName }}` shows
 * `alice@例え.jp`. Pair it with `[title]` holding the stored form where that helps
 * (`<yb-address>` does both).
 */
@Pipe({ name: 'unicodeName' })
export class UnicodeNamePipe implements PipeTransform {
  transform(value: string): string {
    return toUnicodeName(value);
  }
}

/** A list of domains or addresses as people read them, joined: `a.example, 例え.jp`. */
@Pipe({ name: 'unicodeNames' })
export class UnicodeNamesPipe implements PipeTransform {
  transform(values: readonly string[]): string {
    return values.map((value) => toUnicodeName(value)).join(', ');
  }
}
