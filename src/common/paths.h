/* paths.h — where the files canhgac ships are: beside the programs in a
 * build tree (so that what is run from it uses its own data, catalogue
 * and guides before anything is installed), else where they were
 * installed. */
#pragma once

#include <glib.h>

/* subdir/name under the running program's folder or up to two folders
 * above it (tests run from tests/…) when that program is not an
 * installed one; else installed_dir/name, whether it exists or not. */
char *cg_shipped_file (const char *subdir, const char *name, const char *installed_dir);
