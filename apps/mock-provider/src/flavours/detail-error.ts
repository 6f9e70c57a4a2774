type Json = Record<string, any>;

/** FastAPI-style `{"detail"}` errors (Voyage, Nomic, AI21). */
export function detailError(status: number, message?: string): Json {
  return { detail: message ?? (status === 401 ? 'Provided API key is invalid.' : `Mock error ${status}.`) };
}
