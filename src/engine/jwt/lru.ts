/**
 * A small least-recently-used map, used to remember tokens whose signature already verified.
 * A Map keeps insertion order, so re-inserting on a hit moves an entry to the young end.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  /** The most recently used key: a hit on it needs no reordering. */
  private newest: K | undefined;

  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v === undefined || key === this.newest) return v;
    this.map.delete(key);
    this.map.set(key, v);
    this.newest = key;
    return v;
  }

  set(key: K, value: V): void {
    if (this.capacity <= 0) return;
    this.map.delete(key);
    this.map.set(key, value);
    this.newest = key;
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
    this.newest = undefined;
  }
}
