/* error.c — the canhgac GError domain. */
#include "error.h"

G_DEFINE_QUARK (canhgac-error-quark, cg_error)
