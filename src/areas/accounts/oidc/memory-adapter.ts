type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; consumed?: number };

/**
 * Storage of the embedded local provider (sessions, interactions, codes, tokens): in this process's
 * memory, on purpose — the local provider serves demo mode and tests only, on one server; a restart
 * simply signs everyone out of it. Entries expire with the TTLs the provider gives.
 */
export function memoryAdapter(): new (model: string) => MemoryAdapter {
  const entries = new Map<string, { payload: Payload; expiresAt: number }>();
  const secondary = new Map<string, string>();
  const grants = new Map<string, Set<string>>();
  let writes = 0;

  const sweep = () => {
    const now = Date.now();
    for (const [k, e] of entries) if (e.expiresAt <= now) entries.delete(k);
    for (const [k, id] of secondary) if (!entries.has(id)) secondary.delete(k);
    for (const [g, keys] of grants) {
      for (const k of keys) if (!entries.has(k)) keys.delete(k);
      if (keys.size === 0) grants.delete(g);
    }
  };

  return class implements MemoryAdapter {
    constructor(private readonly model: string) {}

    private key(id: string) {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      if (++writes % 200 === 0) sweep();
      const key = this.key(id);
      entries.set(key, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY });
      if (payload.uid) secondary.set(`${this.model}:uid:${payload.uid}`, key);
      if (payload.userCode) secondary.set(`${this.model}:userCode:${payload.userCode}`, key);
      if (payload.grantId) {
        const set = grants.get(payload.grantId) ?? new Set<string>();
        set.add(key);
        grants.set(payload.grantId, set);
      }
    }

    private get(key: string | undefined): Payload | undefined {
      const e = key === undefined ? undefined : entries.get(key);
      if (!e) return undefined;
      if (e.expiresAt <= Date.now()) {
        entries.delete(key!);
        return undefined;
      }
      return e.payload;
    }

    async find(id: string) {
      return this.get(this.key(id));
    }

    async findByUid(uid: string) {
      return this.get(secondary.get(`${this.model}:uid:${uid}`));
    }

    async findByUserCode(userCode: string) {
      return this.get(secondary.get(`${this.model}:userCode:${userCode}`));
    }

    async consume(id: string): Promise<void> {
      const p = this.get(this.key(id));
      if (p) p.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      entries.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const key of grants.get(grantId) ?? []) entries.delete(key);
      grants.delete(grantId);
    }
  };
}

export interface MemoryAdapter {
  upsert(id: string, payload: Payload, expiresIn?: number): Promise<void>;
  find(id: string): Promise<Payload | undefined>;
  findByUid(uid: string): Promise<Payload | undefined>;
  findByUserCode(userCode: string): Promise<Payload | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}
