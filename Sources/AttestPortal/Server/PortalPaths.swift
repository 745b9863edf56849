/// The paths the portal answers itself; every other path is a file of the built site.
enum PortalPaths {
    static let health = "/healthz"
    /// Grant links: `/access/<token>` and `/access/<token>/bundle.zip`.
    static let access = "/access/"
    /// The request flow lives at `/<locale>/request` for each locale of the portal.
    static let requestPage = "request"
    static let stylesheet = PortalPages.stylesheetPath
}
