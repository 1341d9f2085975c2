// FNV-1a with 128 bits (Go `hash/fnv` New128a). The state is eight 16-bit limbs, least
// significant first, so that every intermediate product is an exact double.

/** The FNV-128 prime is 2^88 + 0x13b: a product is h·0x13b plus h shifted left by 88 bits. */
const PRIME_LOW = 0x13b;

export class Fnv128a {
  // The offset basis 0x6c62272e07bb014262b821756295c58d.
  private readonly h = Uint32Array.of(0xc58d, 0x6295, 0x2175, 0x62b8, 0x0142, 0x07bb, 0x272e, 0x6c62);

  update(bytes: Uint8Array): this {
    const h = this.h;
    for (let b = 0; b < bytes.length; b++) {
      h[0] = (h[0] as number) ^ (bytes[b] as number);
      // Limbs 5, 6 and 7 of h << 88 (88 = 5 limbs + 8 bits), taken before h changes.
      const s5 = ((h[0] as number) << 8) & 0xffff;
      const s6 = (((h[1] as number) << 8) | ((h[0] as number) >>> 8)) & 0xffff;
      const s7 = (((h[2] as number) << 8) | ((h[1] as number) >>> 8)) & 0xffff;
      let carry = 0;
      for (let i = 0; i < 8; i++) {
        const add = i === 5 ? s5 : i === 6 ? s6 : i === 7 ? s7 : 0;
        const v = (h[i] as number) * PRIME_LOW + add + carry;
        h[i] = v & 0xffff;
        carry = Math.floor(v / 0x10000);
      }
    }
    return this;
  }

  /** The digest as 32 lowercase hex characters (big-endian, as Go's `Sum` appends it). */
  hex(): string {
    let s = '';
    for (let i = 7; i >= 0; i--) s += (this.h[i] as number).toString(16).padStart(4, '0');
    return s;
  }
}
