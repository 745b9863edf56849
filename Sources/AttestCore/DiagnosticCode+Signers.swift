extension DiagnosticCode {
    // The `signers:` registry and the attestations that name its signers.

    /// Two signers share an id.
    public static let signerDuplicateID: Self = "signer.duplicate-id"
    /// A signer's `valid_until` is before its `valid_from`.
    public static let signerInvalidValidity: Self = "signer.invalid-validity"
    /// A signer's public key file does not hold one Ed25519 public key.
    public static let signerInvalidKey: Self = "signer.invalid-key"
    /// A signer's public key is of a type Attest does not verify (ssh-rsa, ecdsa…).
    public static let signerUnsupportedKeyType: Self = "signer.unsupported-key-type"
    /// An attestation names a signer the registry does not hold.
    public static let signerUnknown: Self = "signer.unknown"

    /// An attestation spec still configures a key shared by every signer (`public_keys`,
    /// `public_key_file`): it proves integrity, not who signed.
    public static let evidenceAttestationSharedKey: Self = "evidence.attestation-shared-key"
    /// An attestation that collection will fail on its signature: it names no signer, is not
    /// signed, is signed with another key, or is dated outside its signer's validity.
    public static let evidenceAttestationSignature: Self = "evidence.attestation-signature"
}
