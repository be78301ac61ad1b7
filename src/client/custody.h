/* custody.h — an evidence export's custody record, as a page to print.
 *
 * The daemon keeps the record (export.show gives it as JSON); the
 * command line writes it beside the exported file, in the officer's
 * language, for the investigators: who exported what footage, when and
 * where, from which recorded segments (each with its SHA-256), what was
 * missing, and the SHA-256 of the file handed over, with how to check
 * it.  Pure: JSON in, text out (tests/unit/cli/test_custody.c).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

/* The record of export (an export.show result) as text, lines within 80
 * columns but for digests; file: the name the MP4 was written under, or
 * NULL (then the record says where the daemon keeps it). */
char *cg_custody_text (JsonObject *export, const char *file);

/* Why an export failed, from its "error" member ({code, message, data}),
 * in the reader's language when the catalogue has it; NULL when it has
 * none. */
char *cg_custody_error_text (JsonObject *export);
