// The part of tr46 (UTS #46 processing, a CommonJS module) that Yubin uses.
declare module 'tr46' {
  namespace tr46 {
    interface Uts46Options {
      checkHyphens?: boolean;
      checkBidi?: boolean;
      checkJoiners?: boolean;
      useSTD3ASCIIRules?: boolean;
      transitionalProcessing?: boolean;
      verifyDNSLength?: boolean;
      ignoreInvalidPunycode?: boolean;
    }
    function toASCII(domainName: string, options?: Uts46Options): string | null;
    function toUnicode(
      domainName: string,
      options?: Uts46Options,
    ): { domain: string; error: boolean };
  }
  export = tr46;
}
