/* output.h — how the command line prints: aligned tables for people
 * (display widths of Vietnamese text, ASCII on terminals that are not
 * UTF-8) and JSON for scripts. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

typedef struct CgTable CgTable;

CgTable *cg_table_new (void);
void cg_table_add_column (CgTable *t, const char *title, gboolean align_right);
/* One cell per column, then NULL. */
void cg_table_add_row (CgTable *t, const char *first, ...) G_GNUC_NULL_TERMINATED;
/* Prints to stdout; the last column is never cut. */
void cg_table_print (CgTable *t);
void cg_table_free (CgTable *t);


/* Prints the builder's root, pretty, with a final newline. */
void cg_json_print (JsonBuilder *b);
void cg_json_print_node (JsonNode *node);

/* Prints a line to stdout, folded to ASCII when the terminal is not UTF-8. */
void cg_print_line (const char *text);
