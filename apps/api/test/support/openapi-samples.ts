/** Reading an OpenAPI document as Swagger UI does: operations, resolved schemas, samples. */

export type Schema = Record<string, any>;
export type Operation = Record<string, any>;

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface DocumentOperation {
  method: string;
  path: string;
  operation: Operation;
}

export function operationsOf(document: OpenApiDocument): DocumentOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method, path, operation })),
  );
}

/** Follows $ref and merges allOf. */
export function resolveSchema(document: OpenApiDocument, schema: Schema): Schema {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() as string;
    return resolveSchema(document, document.components.schemas[name] as Schema);
  }
  if (Array.isArray(schema.allOf)) {
    return (schema.allOf as Schema[])
      .map((part) => resolveSchema(document, part))
      .reduce(
        (merged, part) => ({
          ...merged,
          ...part,
          properties: { ...merged.properties, ...part.properties },
        }),
        {},
      );
  }
  return schema;
}

/** Swagger UI's sample of a request body: examples first, then defaults, then placeholders. */
export function sampleOf(document: OpenApiDocument, raw: Schema): unknown {
  const schema = resolveSchema(document, raw);
  if (raw.example !== undefined) return raw.example;
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.type === 'object' || schema.properties !== undefined) {
    return Object.fromEntries(
      Object.entries((schema.properties ?? {}) as Record<string, Schema>)
        .filter(([, property]) => resolveSchema(document, property).readOnly !== true)
        .map(([name, property]) => [name, sampleOf(document, property)]),
    );
  }
  if (schema.type === 'array') return [sampleOf(document, schema.items as Schema)];
  if (schema.type === 'integer' || schema.type === 'number') return 0;
  if (schema.type === 'boolean') return true;
  if (schema.format === 'date-time') return new Date().toISOString();
  return 'string';
}

/** The JSON request body's schema, or undefined for an operation without a body. */
export function bodySchemaOf(operation: Operation): Schema | undefined {
  return (operation.requestBody?.content?.['application/json'] as Schema | undefined)?.schema as
    Schema | undefined;
}

/** The bodies Swagger UI can pre-fill: one per named example, or the schema's sample. */
export function exampleBodies(
  document: OpenApiDocument,
  operation: Operation,
): { example?: string; body: unknown }[] {
  const content = operation.requestBody?.content?.['application/json'] as Schema | undefined;
  if (content === undefined) return [{ body: undefined }];
  const named = Object.entries((content.examples ?? {}) as Record<string, { value: unknown }>);
  if (named.length === 0) return [{ body: sampleOf(document, content.schema as Schema) }];
  return named.map(([example, { value }]) => ({ example, body: value }));
}
