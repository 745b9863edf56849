import ArgumentParser
import AttestCore
import AttestPortal
import AttestRender
import AttestStore
import Foundation

/// `attest access`: the portal's access requests, listed and decided from the command line.
struct AccessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "List and decide the portal's requests for the reports under NDA.",
        subcommands: [
            AccessListCommand.self, AccessApproveCommand.self, AccessDenyCommand.self,
            AccessRevokeCommand.self,
        ])
}

/// The options every `attest access` subcommand shares.
struct AccessOptions: ParsableArguments {
    @OptionGroup var options: WorkspaceOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Decision time (ISO 8601 or Unix seconds); default SOURCE_DATE_EPOCH, else now.")
    var now: String?
}

struct AccessListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List access requests, newest first.")

    @OptionGroup var access: AccessOptions

    @Option(help: "pending, approved, denied, revoked or all.")
    var status: String = "pending"

    @Option(help: "Output format: table or json.")
    var format: ScoreCommand.Format = .table

    struct Entry: Encodable {
        var id: String
        var status: String
        var created: String
        var name: String
        var email: String
        var company: String
        var reason: String
        var locale: String
        var documents: [String]
        var ndaSHA256: String
        var ipAddress: String
        var userAgent: String
        var decided: String?
        var decidedBy: String?
        var expires: String?
    }

    func validate() throws {
        guard status == "all" || AccessStatus(rawValue: status) != nil else {
            throw ValidationError(
                "--status must be one of: all, "
                    + AccessStatus.allCases.map(\.rawValue).joined(separator: ", "))
        }
    }

    func run() async throws {
        let console = Console.current
        let session = try WorkspaceSession(options: access.options, console: console)
        let store = try session.openStore(access.storeOptions.store, access: .readOnly)
        let statuses =
            AccessStatus(rawValue: status).map { [$0] } ?? Set(AccessStatus.allCases)
        let entries = try store.accessRequests(statuses: statuses).map {
            Entry(
                id: $0.id, status: $0.status.rawValue,
                created: PublicProjection.isoDate($0.createdAt), name: $0.name, email: $0.email,
                company: $0.company, reason: $0.reason, locale: $0.locale,
                documents: $0.documents, ndaSHA256: $0.ndaSHA256, ipAddress: $0.ipAddress,
                userAgent: $0.userAgent, decided: $0.decidedAt.map(PublicProjection.isoDate),
                decidedBy: $0.decidedBy, expires: $0.expiresAt.map(PublicProjection.isoDate))
        }
        switch format {
        case .json: console.out(try JSONOutput.encode(entries))
        case .table:
            guard !entries.isEmpty else {
                console.out("no \(status == "all" ? "" : status + " ")access request")
                return
            }
            console.out(
                TextTable(headers: [
                    "request", "status", "created", "name", "e-mail", "company", "documents",
                    "expires",
                ])
                .render(
                    entries.map {
                        [
                            $0.id, $0.status, $0.created, $0.name, $0.email, $0.company,
                            $0.documents.isEmpty ? "—" : $0.documents.joined(separator: ","),
                            $0.expires ?? "—",
                        ]
                    }))
        }
    }
}

/// Applies one decision to one request and says what happened; shared by approve, deny and
/// revoke.
struct AccessDecisionRun {
    var access: AccessOptions
    var id: String
    var by: String?

    /// Who decided, as recorded: `cli: NAME` from `--by`, else the login name.
    var decider: String {
        let name =
            by ?? ProcessInfo.processInfo.environment["USER"]
            ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "unknown"
        return "cli: " + name
    }

    func apply(
        _ status: AccessStatus, expiresAt: (Date, PortalSettings?) -> Date? = { _, _ in nil }
    ) throws -> (AccessRequest, WorkspaceSession) {
        let console = Console.current
        let session = try WorkspaceSession(options: access.options, console: console)
        let time = try BuildClock.time(
            option: access.now, environment: ProcessInfo.processInfo.environment)
        let store = try session.openStore(access.storeOptions.store)
        guard let current = try store.accessRequest(id: id) else {
            throw UnreadableInput(description: "no access request '\(id)'")
        }
        let decision = AccessDecision(
            status: status, at: time, by: decider,
            expiresAt: expiresAt(time, session.manifest.portal))
        guard let decided = try store.decide(id, decision) else {
            throw UnreadableInput(
                description:
                    "request \(id) is \(current.status.rawValue); only "
                    + decision.allowedFrom.map(\.rawValue).sorted().joined(separator: " or ")
                    + " requests can be \(status.rawValue)")
        }
        return (decided, session)
    }
}

struct AccessApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Grant a pending request for portal.grant_duration and e-mail its link.")

    @OptionGroup var access: AccessOptions
    @Argument(help: "The request id (attest access list).") var id: String
    @Option(help: "Who decides (default: the login name).") var by: String?
    @Option(help: "How long the grant lasts, e.g. 30d (default: portal.grant_duration).")
    var duration: String?
    @Flag(help: "Print the grant's link (to send it yourself): whoever holds it can download.")
    var printLink = false

    func run() async throws {
        let console = Console.current
        let span = try duration.map(parseSpan)
        let (request, session) = try AccessDecisionRun(access: access, id: id, by: by).apply(
            .approved
        ) { time, portal in
            let length = span ?? portal?.grantDuration ?? .days(14)
            return time.addingTimeInterval(TimeInterval(length.seconds))
        }
        console.out(
            "approved \(request.id) for \(TerminalText.inert(request.email)) until "
                + (request.expiresAt.map(PublicProjection.isoDate) ?? "—"))
        guard let portal = session.manifest.portal else {
            console.err("note: no portal: in attest.yaml, so no link to send")
            return
        }
        let environment = ProcessInfo.processInfo.environment
        let secret: PortalSecret
        do { secret = try PortalSecret.fromEnvironment(environment) } catch {
            console.err(
                "warning: the grant is recorded, but no link can be made without the portal's "
                    + "secret: \(error)")
            return
        }
        if printLink, let link = PortalMail.link(request, portal: portal, secret: secret) {
            console.out(link)
        }
        guard let smtp = environment["ATTEST_SMTP_URL"] ?? portal.smtp else {
            console.err(
                "note: no SMTP relay (portal.smtp or ATTEST_SMTP_URL): no e-mail sent"
                    + (printLink ? "" : "; --print-link shows the link"))
            return
        }
        let labels = try BuildOutput.labels(
            TemplateSet(workspaceRoot: session.root), locales: session.manifest.locales)
        let mail = PortalMail(
            portal: portal, labels: labels,
            sender: try MailSender(
                url: smtp, clientName: URL(string: portal.url)?.host ?? "localhost"),
            clock: { Date() })
        try await mail.sendGrant(request, secret: secret)
        console.out("sent the link to \(TerminalText.inert(request.email))")
    }
}

struct AccessDenyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deny", abstract: "Refuse a pending request.")

    @OptionGroup var access: AccessOptions
    @Argument(help: "The request id (attest access list).") var id: String
    @Option(help: "Who decides (default: the login name).") var by: String?

    func run() async throws {
        let (request, _) = try AccessDecisionRun(access: access, id: id, by: by).apply(.denied)
        Console.current.out("denied \(request.id) (\(TerminalText.inert(request.email)))")
    }
}

struct AccessRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Withdraw an approved grant: its link stops working.")

    @OptionGroup var access: AccessOptions
    @Argument(help: "The request id (attest access list).") var id: String
    @Option(help: "Who decides (default: the login name).") var by: String?

    func run() async throws {
        let (request, _) = try AccessDecisionRun(access: access, id: id, by: by).apply(.revoked)
        Console.current.out("revoked \(request.id) (\(TerminalText.inert(request.email)))")
    }
}
