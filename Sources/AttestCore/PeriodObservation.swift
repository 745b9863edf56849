import Foundation

/// What one stored run recorded, as the period view reads it: when it ran, each control's
/// score, and the scores of the frameworks and domains it stored.
///
/// These are the facts of the time, so a period is judged on what each run measured, not
/// re-scored with today's controls and mappings.
public struct PeriodObservation: Hashable, Sendable {
    /// A control as the run recorded it.
    public struct ObservedControl: Hashable, Sendable {
        /// The control's score in the run, 0–1.
        public var score: Double
        /// English title at the time.
        public var title: String
        public var visibility: Visibility

        public init(score: Double, title: String, visibility: Visibility) {
            self.score = score
            self.title = title
            self.visibility = visibility
        }
    }

    /// The run's id in the store; of two runs started at the same instant, the higher id is
    /// the later one.
    public var run: Int64
    /// When the run started (a build's build time): the instant its state holds from.
    public var time: Date
    public var controls: [ControlID: ObservedControl]
    /// Framework and domain scores the run stored.
    public var nodes: [ScoreNode: NodeScore]

    public init(
        run: Int64, time: Date, controls: [ControlID: ObservedControl],
        nodes: [ScoreNode: NodeScore]
    ) {
        self.run = run
        self.time = time
        self.controls = controls
        self.nodes = nodes
    }
}
