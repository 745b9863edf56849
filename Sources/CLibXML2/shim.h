// Debian's libxml2 is built with ICU, whose headers clash with Foundation's bundled ICU.
// Include the version header first, then switch ICU off before the headers we use.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlsave.h>
#include <libxml/xpath.h>
#include <libxml/xmlreader.h>
#include <libxml/xpathInternals.h>
