// The console's only way to the server: the /v1 API with the signed-in key, as any client calls it.
const keyItem = 'atta.console.key';

/** An error the API answered: its HTTP status and the {"error":{code,message,field}} it sent. */
export class ApiError extends Error {
  constructor(status, error) {
    super(error.message || `HTTP ${status}`);
    this.status = status;
    this.code = error.code || String(status);
    this.field = error.field || null;
  }
}

export function storedKey() {
  return sessionStorage.getItem(keyItem);
}

export function storeKey(key) {
  sessionStorage.setItem(keyItem, key);
}

export function forgetKey() {
  sessionStorage.removeItem(keyItem);
}

/** Calls the API; resolves to the parsed JSON body, rejects with an ApiError. */
export async function call(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  const key = storedKey();
  if (key) {
    headers['Authorization'] = 'Bearer ' + key;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const reply = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit', cache: 'no-store' });
  const text = await reply.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!reply.ok) {
    throw new ApiError(reply.status, (json && json.error) || { message: text || reply.statusText });
  }
  return json;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body === undefined ? {} : body);

/** GET, or null when the object does not exist (404) or the key may not see it (403). */
export async function find(path) {
  try {
    return await get(path);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 403)) {
      return null;
    }
    throw e;
  }
}

/** The query string of the defined, non-empty values of params. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') {
      q.set(k, v);
    }
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

/** A request id for a money action: unique per click, in the API's [A-Za-z0-9_.:-]{1,64}. */
export function requestId(prefix) {
  return prefix + '-' + crypto.randomUUID();
}
