/**
 * Native crypto, where the runtime has it. The core is pure JavaScript (@noble/*) and runs
 * everywhere; an edge may plug in its platform's native SHA-256 and Ed25519 verification
 * (the command line uses Node's `crypto`; the task pane uses WebCrypto, see ed25519.ts).
 * Results are identical by construction — tests check both paths on the same inputs.
 */
export interface CryptoProvider {
  readonly name: string;
  /** SHA-256 of `data` */
  readonly sha256?: (data: Uint8Array) => Uint8Array;
  /** lowercase hex SHA-256 of the UTF-8 bytes of `text` (saves encoding and hex on hot paths) */
  readonly sha256TextHex?: (text: string) => string;
  /** SHA-512 of `data` (the VRF's hash) */
  readonly sha512?: (data: Uint8Array) => Uint8Array;
  /** scrypt (the key derivation of SPEC §3) */
  readonly scrypt?: (
    password: Uint8Array,
    salt: Uint8Array,
    params: { readonly N: number; readonly r: number; readonly p: number; readonly dkLen: number },
  ) => Promise<Uint8Array>;
  /**
   * ECVRF verification (vrf.ts `vrfVerify`, the same function) on another thread, so a
   * sheet's draw is verified while this thread checks the rest of it (the command line's
   * worker; see `protocol/checked.ts` startDrawProofs)
   */
  readonly vrfVerify?: (publicKey: Uint8Array, proof: Uint8Array, alpha: Uint8Array) => Promise<Uint8Array | null>;
  /**
   * Ed25519 verification of a 64-byte signature with a 32-byte public key, off this thread
   * where the runtime can (Node's threadpool), so many run at once while this thread goes on
   */
  readonly ed25519Verify?: (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => Promise<boolean>;
}

let current: CryptoProvider = { name: 'pure-js' };

/** Plugs in a native provider (call once at start-up). */
export function useCryptoProvider(p: CryptoProvider): void {
  current = p;
}

export function cryptoProvider(): CryptoProvider {
  return current;
}
