import { z } from 'zod';
import { errorBody } from './api-errors.js';
import type { RouteSpec } from './route-kit.js';

type Json = Record<string, unknown>;

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content', 400: 'Bad input', 401: 'Not signed in, or the token is invalid or expired',
  404: 'Not found (or not yours)', 409: 'Conflict', 410: 'Gone', 413: 'Body too large', 415: 'Not JSON', 422: 'Refused by a rule', 429: 'Too many requests', 501: 'Not available on this server', 503: 'The exchange is away; try again',
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

/** The parameters of one place (path, query, header) from an object schema. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query' | 'header'): Json[] {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: where, required: where === 'path' || required.has(name), schema: rest, ...(typeof description === 'string' ? { description } : {}) };
  });
}

/** The OpenAPI 3.1 document, generated from the routes' own schemas (never written by hand). */
export function openApiDocument(specs: readonly RouteSpec[], info: { version: string }): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const spec of specs) {
    const path = `/api/v1${spec.url.replace(/:([A-Za-z_]+)/g, '{$1}')}`;
    const responses: Record<string, Json> = {};
    for (const [status, schema] of Object.entries(spec.responses)) {
      responses[status] = { description: REASONS[Number(status)] ?? 'Answer', content: { [spec.html ? 'text/html' : 'application/json']: { schema: jsonSchema(schema, 'output') } } };
    }
    for (const status of [...spec.errors, ...(spec.auth ? [401] : []), 429]) {
      responses[String(status)] ??= { description: REASONS[status] ?? 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    const operation: Json = {
      operationId: `${spec.method.toLowerCase()}${spec.url.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: spec.summary,
      tags: [spec.tag],
      parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query'), ...parameters(spec.headers, 'header')],
      responses,
      ...(spec.auth ? { security: [{ bearerAuth: [] }] } : {}),
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } } : {}),
    };
    (paths[path] ??= {})[spec.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Parley REST API',
      version: info.version,
      description: 'The same use cases as the Telegram chat: previews first, and only a confirmation executes, exactly once.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: jsonSchema(errorBody, 'output') },
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
