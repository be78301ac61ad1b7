/* migrations.h — the database schema as numbered steps.
 *
 * Step N takes a database from user_version N-1 to N inside one
 * transaction, so a power cut mid-upgrade leaves the old schema intact.
 * Steps are only ever appended: a released step is never edited.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

/* The schema version this build writes. */
int cg_migrations_latest (void);

/* Brings `db` from its user_version up to `target` (<= latest).  Logs each
 * step applied. */
gboolean cg_migrations_apply (sqlite3 *db, int target, GError **error);
