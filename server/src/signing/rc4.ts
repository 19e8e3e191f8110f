/**
 * RC4, which the standard security handler uses up to revision 4 (ISO 32000-1 7.6.2). Node's
 * OpenSSL 3 keeps RC4 in the legacy provider, which is not loaded by default, so the cipher is
 * written out here; it is a few lines and only ever decrypts or encrypts small objects.
 */
export function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  const state = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + state[i] + key[i % key.length]) & 0xff;
    [state[i], state[j]] = [state[j], state[i]];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + state[i]) & 0xff;
    [state[i], state[j]] = [state[j], state[i]];
    out[n] = data[n] ^ state[(state[i] + state[j]) & 0xff];
  }

  return out;
}
