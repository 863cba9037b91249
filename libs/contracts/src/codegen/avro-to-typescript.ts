/**
 * Turns Avro schemas (as parsed JSON) into TypeScript declarations. Only the Avro features our
 * schemas use are supported; anything else fails loudly so a schema change cannot be silently
 * mistranslated.
 */

type AvroSchema = string | AvroSchema[] | { type: string | AvroSchema; [key: string]: unknown };

interface AvroField {
  name: string;
  type: AvroSchema;
  doc?: string;
}

interface NamedDeclaration {
  name: string;
  source: string;
}

const PRIMITIVES: Record<string, string> = {
  null: 'null',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  float: 'number',
  double: 'number',
  string: 'string',
  bytes: 'Buffer',
};

export function typescriptForSchema(schema: AvroSchema): string {
  const declarations: NamedDeclaration[] = [];
  typeExpression(schema, declarations);
  return declarations.map((d) => d.source).join('\n');
}

function typeExpression(schema: AvroSchema, out: NamedDeclaration[]): string {
  if (typeof schema === 'string') {
    const primitive = PRIMITIVES[schema];
    if (primitive) return primitive;
    if (out.some((d) => d.name === schema)) return schema;
    throw new Error(`Unsupported or unknown Avro type reference "${schema}"`);
  }
  if (Array.isArray(schema)) {
    return schema.map((branch) => typeExpression(branch, out)).join(' | ');
  }
  const { type } = schema;
  if (typeof type !== 'string') return typeExpression(type, out);
  switch (type) {
    case 'record':
      return recordDeclaration(schema, out);
    case 'enum':
      return enumDeclaration(schema, out);
    case 'array':
      return `Array<${typeExpression(schema['items'] as AvroSchema, out)}>`;
    case 'map':
      return `Record<string, ${typeExpression(schema['values'] as AvroSchema, out)}>`;
    default: {
      const primitive = PRIMITIVES[type];
      if (primitive) return primitive;
      throw new Error(`Unsupported Avro type "${type}"`);
    }
  }
}

function recordDeclaration(schema: Record<string, unknown>, out: NamedDeclaration[]): string {
  const name = String(schema['name']);
  const fields = schema['fields'] as AvroField[];
  const lines = fields.map((field) => {
    const doc = field.doc ? `  /** ${field.doc} */\n` : '';
    return `${doc}  ${field.name}: ${typeExpression(field.type, out)};`;
  });
  const doc = schema['doc'] ? `/** ${String(schema['doc'])} */\n` : '';
  out.push({ name, source: `${doc}export interface ${name} {\n${lines.join('\n')}\n}\n` });
  return name;
}

function enumDeclaration(schema: Record<string, unknown>, out: NamedDeclaration[]): string {
  const name = String(schema['name']);
  const symbols = schema['symbols'] as string[];
  const union = symbols.map((s) => `'${s}'`).join(' | ');
  out.push({
    name,
    source: `export type ${name} = ${union};\nexport const ${name}Values = [${symbols.map((s) => `'${s}'`).join(', ')}] as const;\n`,
  });
  return name;
}
