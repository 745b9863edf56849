import AttestCore

/// What must survive a framework's trips between formats (OSCAL JSON, XML, YAML, Attest YAML),
/// one line per requirement, depth first: the parent, the id, the OSCAL id, the title, whether
/// it is assessable and its parameters. Positions are left out (they name the file read).
///
/// Text is compared with white space collapsed: NIST's JSON keeps spaces at the edges of some
/// markup lines that its XML does not have (docs/oscal.md, "OSCAL XML").
public enum FrameworkShape {
    public static func lines(_ framework: Framework, summaries: Bool = false) -> [String] {
        var lines: [String] = []
        func walk(_ requirements: [Requirement], parent: String) {
            for requirement in requirements {
                var fields = [
                    parent, requirement.id.rawValue, requirement.metadata["oscal.id"] ?? "-",
                    collapsed(requirement.title.english), "\(requirement.isAssessable)",
                    requirement.parameters.map(parameter).joined(separator: "; "),
                ]
                if summaries {
                    fields.append(requirement.summary.map { collapsed($0.english) } ?? "-")
                }
                lines.append(fields.joined(separator: " | "))
                walk(requirement.children, parent: requirement.id.rawValue)
            }
        }
        walk(framework.requirements, parent: "-")
        return lines
    }

    private static func parameter(_ parameter: RequirementParameter) -> String {
        [
            parameter.id, parameter.label.map(collapsed) ?? "-",
            parameter.values.map(collapsed).joined(separator: ","),
            parameter.selection.map {
                "\($0.howMany?.rawValue ?? "-"):" + $0.choices.map(collapsed).joined(separator: "|")
            } ?? "-",
        ].joined(separator: " ")
    }

    private static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
