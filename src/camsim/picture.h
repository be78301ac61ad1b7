/* picture.h — the test picture a simulated camera films: its name in large
 * letters, a frame counter, and things that move, so that cameras can be
 * told apart on a grid and a frozen stream is seen at a glance. */
#pragma once

#include <glib.h>

/* What the camera films.  The default (all zero) moves all the time. */
typedef struct {
  gboolean still;       /* nothing moves, no frame counter */
  gboolean street;      /* a village street: it stands still but for two
                         * motorbikes, one crossing once a loop, and a frame
                         * counter */
  guint move_frames;    /* > 0: moving this many frames, then still ... */
  guint still_frames;   /* ... this many, over and over */
  int brightness_step;  /* still, and this much brighter ... */
  guint bright_frames;  /* ... every other bright_frames frames */
} CgCamsimScene;

/* Frames a scene needs its loop to be a multiple of (0: any). */
guint cg_camsim_scene_period (const CgCamsimScene *scene);

/* A rectangle on all three planes, chroma at half resolution, clipped. */
void cg_camsim_fill_yuv (guint8 *const planes[3], const int strides[3], int width, int height, int x,
                         int y, int w, int h, guint8 luma, guint8 cb, guint8 cr);

/* The street scene (street.c): a village street, motorbikes passing. */
void cg_camsim_street_draw (guint8 *const planes[3], const int strides[3], int width, int height,
                            guint seed, guint index, guint count);

/* The street scene's vehicle in frame `index` of `count`: its box, in
 * pixels, clipped to neither side (x may be off the picture). */
void cg_camsim_street_vehicle (int width, int height, guint index, guint count, int *x, int *y,
                               int *w, int *h);

/* Draws frame `index` of `count` (the loop's length) into YUV 4:2:0
 * planes.  scene may be NULL (moving).  The motion is periodic in `count`, so the loop has no visible
 * seam.  `seed` picks the background colour. */
void cg_camsim_picture_draw (guint8 *const planes[3], const int strides[3], int width, int height,
                             const char *label, guint seed, guint index, guint count,
                             const CgCamsimScene *scene);
