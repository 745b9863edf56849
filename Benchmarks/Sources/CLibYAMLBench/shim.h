// The system libyaml (Debian: libyaml-dev), for the raw event-loop baseline only.
// Named apart from the main package's CLibYAML and from Yams's CYaml (STACK.md, pitfall 2).
#include <yaml.h>
