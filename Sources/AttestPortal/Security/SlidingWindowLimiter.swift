import Foundation

/// An in-memory sliding-window rate limit: at most `limit` events per key in any `window`.
///
/// Memory is bounded: at most `maxKeys` keys are remembered, each with at most `limit`
/// times; when a new key would exceed that, the key first seen longest ago is forgotten. A
/// flood of new addresses therefore costs the oldest entries their history, never the server
/// its memory. Limits are per process: several portal instances each count on their own.
actor SlidingWindowLimiter {
    enum Decision: Equatable {
        case allowed
        /// Refused; the whole seconds after which one more event will be allowed.
        case limited(retryAfter: Int)
    }

    let limit: Int
    let window: TimeInterval
    let maxKeys: Int
    private var events: [String: [Date]] = [:]
    /// Keys in the order first seen, for eviction; may hold keys already evicted.
    private var order: [String] = []
    private var orderStart = 0

    init(limit: Int, window: TimeInterval, maxKeys: Int) {
        self.limit = max(limit, 0)
        self.window = window
        self.maxKeys = max(maxKeys, 1)
    }

    /// Records one event for `key` at `now` if the limit allows it.
    func attempt(_ key: String, now: Date) -> Decision {
        let horizon = now.addingTimeInterval(-window)
        var times = (events[key] ?? []).filter { $0 > horizon }
        if times.count >= limit {
            events[key] = times
            let oldest = times.first ?? now
            let wait = oldest.addingTimeInterval(window).timeIntervalSince(now)
            return .limited(retryAfter: max(1, Int(wait.rounded(.up))))
        }
        if events[key] == nil {
            evictIfFull()
            order.append(key)
        }
        times.append(now)
        events[key] = times
        return .allowed
    }

    /// How many keys are remembered.
    var trackedKeys: Int { events.count }

    private func evictIfFull() {
        while events.count >= maxKeys, orderStart < order.count {
            let oldest = order[orderStart]
            orderStart += 1
            events[oldest] = nil
        }
        // Drop the consumed prefix now and then, so `order` stays bounded too.
        if orderStart > maxKeys {
            order.removeFirst(orderStart)
            orderStart = 0
        }
    }
}
