/** A translation table has the shape of the English one, with every leaf a string. */
export type MessageTable<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : MessageTable<T[K]>;
};

/** Dotted paths to the leaves of a table: `mailboxes.list.title`. */
export type LeafPaths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${Prefix}${K}`
    : LeafPaths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language in its own words, as a person looking for their language reads it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', ja: '日本語' };

export type MessageParams = Readonly<Record<string, string | number>>;
