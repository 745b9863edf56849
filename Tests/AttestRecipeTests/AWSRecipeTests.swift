import AttestCore
import AttestEvidence
import AttestTestSupport
import Foundation
import Testing

/// The AWS recipes against moto's AWS emulator, started on 127.0.0.1 by each test: the real
/// `aws` CLI creates the resources, then the recipe runs through the command collector and
/// the same CLI, and each recipe is seen both passing and failing.
// One at a time: each test starts its own moto server, and six Python processes importing boto
// at once on a two-core machine, beside the rest of the suite, missed the start deadline.
@Suite(.serialized) struct AWSRecipeTests {
    @Test(.enabled(if: LocalService.available("aws", "moto_server")))
    func s3DefaultEncryptionPassesForAnEncryptedBucketAndFailsForAPlainOne() async throws {
        let emulator = try await AWSEmulator.start()
        defer { emulator.stop() }
        try emulator.aws("s3api", "create-bucket", "--bucket", "acme-encrypted")
        try emulator.aws(
            "s3api", "put-bucket-encryption", "--bucket", "acme-encrypted",
            "--server-side-encryption-configuration",
            #"{"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]}"#)
        try emulator.aws("s3api", "create-bucket", "--bucket", "acme-plain")

        let encrypted = try await emulator.harness.run(
            "aws.s3.default-encryption", with: "{ bucket: acme-encrypted }")
        #expect(encrypted.status == .pass, "\(encrypted.message)")
        let plain = try await emulator.harness.run(
            "aws.s3.default-encryption", with: "{ bucket: acme-plain }")
        #expect(plain.status == .fail)
        #expect(plain.message.contains("ServerSideEncryptionConfigurationNotFoundError"))
    }

    @Test(.enabled(if: LocalService.available("aws", "moto_server")))
    func s3PublicAccessBlockPassesOnlyWithAllFourSettings() async throws {
        let emulator = try await AWSEmulator.start()
        defer { emulator.stop() }
        for (bucket, restrict) in [("acme-private", "true"), ("acme-half-open", "false")] {
            try emulator.aws("s3api", "create-bucket", "--bucket", bucket)
            try emulator.aws(
                "s3api", "put-public-access-block", "--bucket", bucket,
                "--public-access-block-configuration",
                "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,"
                    + "RestrictPublicBuckets=\(restrict)")
        }
        let closed = try await emulator.harness.run(
            "aws.s3.public-access-block", with: "{ bucket: acme-private }")
        #expect(closed.status == .pass, "\(closed.message)")
        let halfOpen = try await emulator.harness.run(
            "aws.s3.public-access-block", with: "{ bucket: acme-half-open }")
        #expect(halfOpen.status == .fail)
        #expect(
            halfOpen.message.contains(
                "PublicAccessBlockConfiguration.RestrictPublicBuckets: expected true, found false"))
    }

    @Test(.enabled(if: LocalService.available("aws", "moto_server")))
    func passwordPolicyFailsWithoutAPolicyAndWhenWeakAndPassesWhenStrong() async throws {
        let emulator = try await AWSEmulator.start()
        defer { emulator.stop() }
        let none = try await emulator.harness.run("aws.iam.password-policy")
        #expect(none.status == .fail)
        #expect(none.message.contains("NoSuchEntity"))

        try emulator.aws(
            "iam", "update-account-password-policy", "--minimum-password-length", "8",
            "--password-reuse-prevention", "24")
        let weak = try await emulator.harness.run("aws.iam.password-policy")
        #expect(weak.status == .fail)
        // The redaction of command output hides words after names containing "password";
        // the path and the value found remain.
        #expect(weak.message.contains("PasswordPolicy.MinimumPasswordLength: "))
        #expect(weak.message.contains(">= 14, found 8"))

        try emulator.aws(
            "iam", "update-account-password-policy", "--minimum-password-length", "16",
            "--password-reuse-prevention", "24")
        let strong = try await emulator.harness.run("aws.iam.password-policy")
        #expect(strong.status == .pass, "\(strong.message)")
        let stricter = try await emulator.harness.run(
            "aws.iam.password-policy", with: "{ min_length: 20 }")
        #expect(stricter.status == .fail)
    }

    @Test(.enabled(if: LocalService.available("aws", "moto_server")))
    func userMFAPassesForAUserWithADeviceAndFailsForOneWithout() async throws {
        let emulator = try await AWSEmulator.start()
        defer { emulator.stop() }
        for user in ["alice", "bob"] { try emulator.aws("iam", "create-user", "--user-name", user) }
        // AWS CLI v1 writes the device's seed to a file and prints the rest.
        let seed = emulator.harness.workspace.root.appendingPathComponent("alice-seed.png").path
        let device = try emulator.aws(
            "iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "alice-phone",
            "--outfile", seed, "--bootstrap-method", "QRCodePNG")
        let serial = try #require(
            (device["VirtualMFADevice"] as? [String: Any])?["SerialNumber"] as? String)
        try emulator.aws(
            "iam", "enable-mfa-device", "--user-name", "alice", "--serial-number", serial,
            "--authentication-code1", "123456", "--authentication-code2", "654321")

        let alice = try await emulator.harness.run("aws.iam.user-mfa", with: "{ user: alice }")
        #expect(alice.status == .pass, "\(alice.message)")
        let bob = try await emulator.harness.run("aws.iam.user-mfa", with: "{ user: bob }")
        #expect(bob.status == .fail)
        #expect(bob.message.contains("MFADevices: expected a count >= 1, found 0 items"))
    }

    @Test(.enabled(if: LocalService.available("aws", "moto_server")))
    func cloudTrailRecipesNeedAMultiRegionTrailThatIsLogging() async throws {
        let emulator = try await AWSEmulator.start()
        defer { emulator.stop() }
        try emulator.aws("s3api", "create-bucket", "--bucket", "acme-trail-logs")
        try emulator.aws(
            "cloudtrail", "create-trail", "--name", "eu-only", "--s3-bucket-name",
            "acme-trail-logs")
        let regional = try await emulator.harness.run("aws.cloudtrail.multi-region")
        #expect(regional.status == .fail)
        #expect(regional.message.contains("trailList: no item matches"))

        try emulator.aws(
            "cloudtrail", "create-trail", "--name", "org-trail", "--s3-bucket-name",
            "acme-trail-logs", "--is-multi-region-trail")
        let global = try await emulator.harness.run("aws.cloudtrail.multi-region")
        #expect(global.status == .pass, "\(global.message)")

        let stopped = try await emulator.harness.run(
            "aws.cloudtrail.logging", with: "{ trail: org-trail }")
        #expect(stopped.status == .fail)
        #expect(stopped.message.contains("IsLogging: expected true, found false"))
        try emulator.aws("cloudtrail", "start-logging", "--name", "org-trail")
        let logging = try await emulator.harness.run(
            "aws.cloudtrail.logging", with: "{ trail: org-trail }")
        #expect(logging.status == .pass, "\(logging.message)")
    }

    @Test(.enabled(if: LocalService.available("aws", "moto_server")))
    func kmsKeyRotationFailsUntilRotationIsEnabled() async throws {
        let emulator = try await AWSEmulator.start()
        defer { emulator.stop() }
        let created = try emulator.aws("kms", "create-key", "--description", "audit logs")
        let keyID = try #require((created["KeyMetadata"] as? [String: Any])?["KeyId"] as? String)
        let before = try await emulator.harness.run(
            "aws.kms.key-rotation", with: "{ key_id: \(keyID) }")
        #expect(before.status == .fail)
        #expect(before.message.contains("KeyRotationEnabled: expected true, found false"))
        try emulator.aws("kms", "enable-key-rotation", "--key-id", keyID)
        let after = try await emulator.harness.run(
            "aws.kms.key-rotation", with: "{ key_id: \(keyID) }")
        #expect(after.status == .pass, "\(after.message)")
    }
}
