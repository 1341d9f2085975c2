import { UserError } from '../errors.js';
import { apiError, type ListItem, METADATA_LIST_ACCEPT, type Resource, resourcePath } from './api.js';
import type { KubeResponse, Transport } from './transport.js';

/**
 * The Accept header of a server-side Table, as kubectl asks for it for `get` (k8s.io/cli-runtime
 * `resource/builder.go` `TransformRequests` with `as=Table`); a server without Tables answers a
 * plain list.
 */
export const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** kubectl's `--chunk-size` default. */
export const DEFAULT_CHUNK_SIZE = 500;

export interface PageOptions {
  /** Only this namespace; all namespaces when undefined. */
  readonly namespace?: string | undefined;
  readonly labelSelector?: string | undefined;
  readonly fieldSelector?: string | undefined;
  /** What to ask for: whole objects, metadata only, or a server-side Table with each row's metadata. */
  readonly as?: 'objects' | 'metadata' | 'table';
  /** Items per page (`limit`); 0 asks for everything at once. @default 500 */
  readonly limit?: number | undefined;
}

/** One page of a list, as the server sent it, checked. */
export interface ListPage {
  /** `items`, or a Table's `rows` (each with `cells` and `object`). */
  readonly items: readonly ListItem[];
  /** A Table's column definitions (every page of a list carries them). */
  readonly columns?: readonly { readonly name: string }[];
  /** Whether the page is a Table (a server may answer a plain list instead). */
  readonly table: boolean;
  /** The list's resourceVersion, from which a watch can start. */
  readonly resourceVersion?: string;
  /**
   * True on the first page after the list started again from the beginning (its continue token
   * had expired): what was taken from the pages before belongs to another snapshot.
   */
  readonly restarted: boolean;
}

/** Empty pages in a row that still carry a continue token before the list counts as stuck. */
const MAX_EMPTY_PAGES = 100;

/** How often a list restarts after its continue token expired (410 Gone) before giving up. */
const MAX_LIST_RESTARTS = 3;

/**
 * Lists a resource page by page (`limit` + `continue`), one request at a time, each page handed
 * on and not kept. When the continue token expires mid-way (410 Gone, after about five minutes),
 * the list starts again from the beginning and the next page says `restarted`, so that a caller
 * can start its snapshot again (or refuse, when it has printed a part).
 */
export async function* listPages(
  transport: Transport,
  resource: Resource,
  options: PageOptions = {},
): AsyncGenerator<ListPage> {
  const accept =
    options.as === 'metadata' ? METADATA_LIST_ACCEPT : options.as === 'table' ? TABLE_ACCEPT : undefined;
  let restarted = false;
  for (let attempt = 0; ; attempt++) {
    const seen = new Set<string>();
    let emptyPages = 0;
    let token: string | undefined;
    let expired = false;
    do {
      const res: KubeResponse = await transport.request({
        method: 'GET',
        path: resourcePath(resource, options.namespace),
        query: {
          limit: options.limit ?? DEFAULT_CHUNK_SIZE,
          continue: token,
          labelSelector: options.labelSelector,
          fieldSelector: options.fieldSelector,
          ...(options.as === 'table' && { includeObject: 'Metadata' }),
        },
        ...(accept && { accept }),
      });
      if (res.status === 410 && token !== undefined) {
        expired = true;
        break;
      }
      if (res.status !== 200) throw apiError(res, transport, 'list', resource, options.namespace);
      const page = checkedPage(res.body, resource, transport);
      yield { ...page, restarted };
      restarted = false;
      const next = page.continue;
      emptyPages = page.items.length === 0 ? emptyPages + 1 : 0;
      // A server that hands back a token already used, or endless empty pages, would make the list loop forever.
      if (next !== undefined && (seen.has(next) || emptyPages > MAX_EMPTY_PAGES)) {
        throw new UserError(
          'E_API',
          `listing ${resource.plural} did not advance: the API server at ${transport.target.cluster.server} returned ${seen.has(next) ? 'a continue token it had already returned' : `${emptyPages} empty pages in a row`}; nothing is shown rather than a part`,
          'try again; if it persists, check the API server or any proxy in front of it',
        );
      }
      if (next !== undefined) seen.add(next);
      token = next;
    } while (token !== undefined);
    if (!expired) return;
    if (attempt >= MAX_LIST_RESTARTS) {
      throw new UserError(
        'E_API',
        `listing ${resource.plural} kept expiring (410 Gone) after ${MAX_LIST_RESTARTS} restarts`,
        'the cluster changes faster than the list completes; try again, or narrow it with -n or -l',
      );
    }
    restarted = true;
  }
}

/**
 * A page of a list as the API server must send it: an object whose `items` (a Table: `rows`) is
 * a list of objects and whose `metadata.continue`, when set, is a string. Anything else is
 * refused, not guessed at.
 */
function checkedPage(
  body: unknown,
  resource: Resource,
  transport: Transport,
): Omit<ListPage, 'restarted'> & { continue?: string } {
  const page = body as {
    kind?: unknown;
    items?: unknown;
    rows?: unknown;
    columnDefinitions?: unknown;
    metadata?: { continue?: unknown; resourceVersion?: unknown } | null;
  } | null;
  const table = page?.kind === 'Table';
  const raw = table ? page?.rows : page?.items;
  const items = raw === null || raw === undefined ? [] : raw;
  const token = page?.metadata?.continue;
  const bad = (why: string) =>
    new UserError(
      'E_API',
      `the API server at ${transport.target.cluster.server} sent a list of ${resource.plural} that ${why}; nothing is shown rather than a part`,
      'a proxy between you and the API server may have answered; try again',
    );
  const field = table ? 'rows' : 'items';
  if (!Array.isArray(items) || items.some((i) => typeof i !== 'object' || i === null || Array.isArray(i)))
    throw bad(`has no list of objects in "${field}"`);
  if (token !== undefined && token !== null && typeof token !== 'string')
    throw bad('has a continue token that is not a string');
  const columns = table ? page?.columnDefinitions : undefined;
  if (table && columns !== undefined && columns !== null && !Array.isArray(columns))
    throw bad('has column definitions that are not a list');
  const resourceVersion = page?.metadata?.resourceVersion;
  return {
    items: items as ListItem[],
    table,
    ...(Array.isArray(columns) && { columns: columns as { name: string }[] }),
    ...(typeof resourceVersion === 'string' && resourceVersion !== '' && { resourceVersion }),
    ...(typeof token === 'string' && token !== '' && { continue: token }),
  };
}

export interface ListOptions extends PageOptions {
  /** Called after every page with the number of items seen so far. */
  readonly onPage?: (seen: number) => void;
}

/**
 * Lists a resource page by page into one array (for lists that are small by nature: nodes,
 * namespaces, PriorityClasses). One consistent snapshot: a list whose continue token expired
 * starts again (see {@link listPages}).
 */
export async function listAll(
  transport: Transport,
  resource: Resource,
  options: ListOptions = {},
): Promise<ListItem[]> {
  let items: ListItem[] = [];
  for await (const page of listPages(transport, resource, options)) {
    if (page.restarted) items = [];
    for (const item of page.items) items.push(item);
    options.onPage?.(items.length);
  }
  return items;
}
