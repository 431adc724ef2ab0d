export declare const PUBLISH_ZONE: string;
export declare const KNOT_ZONES: string[];
export declare function knotPort(appPort: string | number): number;
export declare const KNOT_UPDATE_KEY: { name: string; algorithm: string; secret: string };
export declare function startKnot(
  port: number,
): Promise<{ address: string; stop: () => Promise<void> }>;
