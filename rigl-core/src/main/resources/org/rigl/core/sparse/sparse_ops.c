/*
 * Two CPU kernels over a weight's nonzeros, registered with TensorFlow through its C kernel API
 * (exported by libtensorflow_framework.so.2). Matrices are row-major; activations are kept
 * [features, batch] so every inner loop runs over the batch, contiguous in memory.
 *
 *   RiglSpmm(indices [nnz, 2] int64 sorted by row, values [nnz] float, dense [k, n] float; attrs rows,
 *            adjoint, dense_rows: k if not -1, checked; it tells the gradient D's row count, which a
 *            gradient function cannot read from the graph's shapes)
 *     -> product [rows, n]: product[r, :] = sum over nonzeros (r, c) of value * dense[c, :]
 *        with adjoint, the sparse matrix's transpose: product[c, :] = sum over (r, c) of value * dense[r, :]
 *   RiglSddmm(indices [nnz, 2] int64, left [a, n] float, right [b, n] float)
 *     -> values [nnz]: values[j] = dot(left[r_j, :], right[c_j, :])
 *
 * Both take an attr threads: the nonzeros are split into that many runs, one per POSIX thread
 * (SpMM's runs end at row boundaries, so no two threads write one output row; the adjoint's output
 * rows are columns, unsorted, so each thread but the first accumulates into a private buffer that is
 * added to the output at the end). The kernels cannot
 * reach TF's own intra-op pool through the C API, so the caller passes its thread count.
 *
 * The C API declarations used are in rigl_tf_kernel_api.h.
 */
#include <pthread.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rigl_tf_kernel_api.h"

static void unknown_shape(TF_ShapeInferenceContext* ctx, TF_Status* status) {
  TF_ShapeInferenceContextSetUnknownShape(ctx, status);
}

/* The three inputs, or NULLs and the kernel failed. */
static int inputs(TF_OpKernelContext* ctx, TF_Tensor** t, TF_Status* status) {
  for (int i = 0; i < 3; i++) t[i] = NULL;
  for (int i = 0; i < 3; i++) {
    TF_GetInput(ctx, i, &t[i], status);
    if (TF_GetCode(status) != RIGL_TF_OK) return 0;
  }
  if (TF_NumDims(t[0]) != 2 || TF_Dim(t[0], 1) != 2) {
    TF_SetStatus(status, RIGL_TF_INVALID_ARGUMENT, "indices must be [nnz, 2]");
    return 0;
  }
  return 1;
}

static void release(TF_Tensor** t, int n) {
  for (int i = 0; i < n; i++) if (t[i]) TF_DeleteTensor(t[i]);
}

typedef struct {
  int64_t rows;
  int64_t dense_rows;
  int64_t threads;
  unsigned char adjoint;
} Attrs;

static void* attrs_create(TF_OpKernelConstruction* ctx) {
  Attrs* attrs = (Attrs*)calloc(1, sizeof(Attrs));
  TF_Status* status = TF_NewStatus();
  attrs->rows = -1;
  TF_OpKernelConstruction_GetAttrInt64(ctx, "threads", &attrs->threads, status);
  if (TF_GetCode(status) == RIGL_TF_OK && attrs->threads < 1) attrs->threads = 1;
  if (TF_GetCode(status) != RIGL_TF_OK) TF_OpKernelConstruction_Failure(ctx, status);
  TF_DeleteStatus(status);
  return attrs;
}

static void* spmm_create(TF_OpKernelConstruction* ctx) {
  Attrs* attrs = (Attrs*)attrs_create(ctx);
  TF_Status* status = TF_NewStatus();
  TF_OpKernelConstruction_GetAttrInt64(ctx, "rows", &attrs->rows, status);
  if (TF_GetCode(status) == RIGL_TF_OK) TF_OpKernelConstruction_GetAttrBool(ctx, "adjoint", &attrs->adjoint, status);
  if (TF_GetCode(status) == RIGL_TF_OK)
    TF_OpKernelConstruction_GetAttrInt64(ctx, "dense_rows", &attrs->dense_rows, status);
  if (TF_GetCode(status) != RIGL_TF_OK) TF_OpKernelConstruction_Failure(ctx, status);
  TF_DeleteStatus(status);
  return attrs;
}

/* One thread's share of the nonzeros, [begin, end), and what it reads and writes. */
typedef struct {
  const int64_t* idx;
  const float* val;
  const float* left;
  const float* right;
  float* out;
  int64_t begin, end, n;
  /* Which index column names the output row (0, or 1 for the adjoint); the other names the dense row. */
  int out_col;
} Run;

/*
 * Columns (batch entries) are taken a block at a time, and every loop runs over one block for all its
 * nonzeros before the next, so the block of the dense operand it reads stays in the core's cache however
 * wide the batch is (a GRU's input projection over 100 steps has 3,200 columns; whole rows of that streamed
 * from memory for every nonzero ran at a few GFLOP/s). A block is up to RIGL_BLOCK_VECTORS vectors of 16
 * floats held in registers, then at most one narrower block of whole vectors, then a scalar tail under 16
 * columns: a 100-column batch is one block of 6 vectors and 4 scalar columns, a 32-column one of 2 vectors.
 */
#define RIGL_BLOCK_VECTORS 8

/* Sixteen floats: one AVX-512 register (two AVX2 ones); loads through it need no alignment. */
typedef float rigl_v16 __attribute__((vector_size(64), aligned(4)));

typedef float rigl_v8 __attribute__((vector_size(32), aligned(4)));
typedef float rigl_v4 __attribute__((vector_size(16), aligned(4)));

/* The sum of the lanes, folding halves (a lane-by-lane loop compiled to sixteen dependent adds). */
static inline float rigl_sum16(rigl_v16 a) {
  rigl_v8 a8, b8;
  memcpy(&a8, &a, sizeof a8);
  memcpy(&b8, (const char*)&a + sizeof a8, sizeof b8);
  a8 += b8;
  rigl_v4 a4, b4;
  memcpy(&a4, &a8, sizeof a4);
  memcpy(&b4, (const char*)&a8 + sizeof a4, sizeof b4);
  a4 += b4;
  return (a4[0] + a4[2]) + (a4[1] + a4[3]);
}

/*
 * The three loops over one block of NV vectors starting at column b0, written once per NV so the
 * accumulators are registers (with a run-time count gcc left them in memory, at a third of the speed).
 * Indices are sorted by their first column, so a run of equal first indices shares one row of the
 * sparse matrix:
 *   spmm_rows:    out[r, block] = sum over the run of v * dense[c, block], summed in registers, stored once;
 *   spmm_columns: the adjoint, out[c, block] += v * dense[r, block], the run's dense row held in registers;
 *   sddmm_rows:   values[j] += dot(left[r, block], right[c, block]), the run's left row held in registers.
 */
#define RIGL_BLOCK_LOOPS(NV)                                                                      \
  static void spmm_rows_##NV(const Run* w, int64_t b0) {                                          \
    const int64_t n = w->n;                                                                       \
    for (int64_t j = w->begin; j < w->end;) {                                                     \
      const int64_t row = w->idx[2 * j];                                                          \
      rigl_v16 a[NV];                                                                             \
      for (int v = 0; v < NV; v++) a[v] = (rigl_v16){0};                                          \
      for (; j < w->end && w->idx[2 * j] == row; j++) {                                           \
        const float s = w->val[j];                                                                \
        const rigl_v16* d = (const rigl_v16*)(w->right + w->idx[2 * j + 1] * n + b0);             \
        for (int v = 0; v < NV; v++) a[v] += s * d[v];                                            \
      }                                                                                           \
      rigl_v16* o = (rigl_v16*)(w->out + row * n + b0);                                           \
      for (int v = 0; v < NV; v++) o[v] += a[v];                                                  \
    }                                                                                             \
  }                                                                                               \
  static void spmm_columns_##NV(const Run* w, int64_t b0) {                                       \
    const int64_t n = w->n;                                                                       \
    for (int64_t j = w->begin; j < w->end;) {                                                     \
      const int64_t row = w->idx[2 * j];                                                          \
      const rigl_v16* d = (const rigl_v16*)(w->right + row * n + b0);                             \
      rigl_v16 x[NV];                                                                             \
      for (int v = 0; v < NV; v++) x[v] = d[v];                                                   \
      for (; j < w->end && w->idx[2 * j] == row; j++) {                                           \
        const float s = w->val[j];                                                                \
        rigl_v16* o = (rigl_v16*)(w->out + w->idx[2 * j + 1] * n + b0);                           \
        for (int v = 0; v < NV; v++) o[v] += s * x[v];                                            \
      }                                                                                           \
    }                                                                                             \
  }                                                                                               \
  static void sddmm_rows_##NV(const Run* w, int64_t b0) {                                         \
    const int64_t n = w->n;                                                                       \
    for (int64_t j = w->begin; j < w->end;) {                                                     \
      const int64_t row = w->idx[2 * j];                                                          \
      const rigl_v16* l = (const rigl_v16*)(w->left + row * n + b0);                              \
      rigl_v16 x[NV];                                                                             \
      for (int v = 0; v < NV; v++) x[v] = l[v];                                                   \
      for (; j < w->end && w->idx[2 * j] == row; j++) {                                           \
        const rigl_v16* r = (const rigl_v16*)(w->right + w->idx[2 * j + 1] * n + b0);             \
        rigl_v16 s = x[0] * r[0];                                                                 \
        for (int v = 1; v < NV; v++) s += x[v] * r[v];                                            \
        w->out[j] += rigl_sum16(s);                                                               \
      }                                                                                           \
    }                                                                                             \
  }

RIGL_BLOCK_LOOPS(1)
RIGL_BLOCK_LOOPS(2)
RIGL_BLOCK_LOOPS(3)
RIGL_BLOCK_LOOPS(4)
RIGL_BLOCK_LOOPS(5)
RIGL_BLOCK_LOOPS(6)
RIGL_BLOCK_LOOPS(7)
RIGL_BLOCK_LOOPS(8)

typedef void (*BlockLoop)(const Run*, int64_t);
enum { SPMM_ROWS, SPMM_COLUMNS, SDDMM_ROWS };
static const BlockLoop BLOCK_LOOPS[3][RIGL_BLOCK_VECTORS] = {
    {spmm_rows_1, spmm_rows_2, spmm_rows_3, spmm_rows_4, spmm_rows_5, spmm_rows_6, spmm_rows_7, spmm_rows_8},
    {spmm_columns_1, spmm_columns_2, spmm_columns_3, spmm_columns_4, spmm_columns_5, spmm_columns_6,
     spmm_columns_7, spmm_columns_8},
    {sddmm_rows_1, sddmm_rows_2, sddmm_rows_3, sddmm_rows_4, sddmm_rows_5, sddmm_rows_6, sddmm_rows_7,
     sddmm_rows_8}};

/* The scalar tail, columns [b0, n), fewer than 16. */
static void tail_columns(const Run* w, int kind, int64_t b0) {
  const int64_t n = w->n;
  for (int64_t j = w->begin; j < w->end; j++) {
    const int64_t r = w->idx[2 * j], c = w->idx[2 * j + 1];
    if (kind == SDDMM_ROWS) {
      float s = 0;
      for (int64_t b = b0; b < n; b++) s += w->left[r * n + b] * w->right[c * n + b];
      w->out[j] += s;
    } else {
      const int64_t o = kind == SPMM_ROWS ? r : c, d = kind == SPMM_ROWS ? c : r;
      for (int64_t b = b0; b < n; b++) w->out[o * n + b] += w->val[j] * w->right[d * n + b];
    }
  }
}

/* Every block of columns in turn: whole blocks of RIGL_BLOCK_VECTORS, one narrower block, the tail. */
static void by_blocks(const Run* w, int kind) {
  const int64_t n = w->n, vectors = n / 16;
  int64_t b0 = 0;
  for (int64_t v = 0; v < vectors;) {
    const int64_t nv = vectors - v < RIGL_BLOCK_VECTORS ? vectors - v : RIGL_BLOCK_VECTORS;
    BLOCK_LOOPS[kind][nv - 1](w, b0);
    v += nv;
    b0 += nv * 16;
  }
  if (b0 < n) tail_columns(w, kind, b0);
}

static void* spmm_run(void* arg) {
  const Run* w = (const Run*)arg;
  by_blocks(w, w->out_col == 0 ? SPMM_ROWS : SPMM_COLUMNS);
  return NULL;
}

static void* sddmm_run(void* arg) {
  const Run* w = (const Run*)arg;
  for (int64_t j = w->begin; j < w->end; j++) w->out[j] = 0;
  by_blocks(w, SDDMM_ROWS);
  return NULL;
}

#define RIGL_MAX_THREADS 64

/*
 * Splits [0, nnz) into runs (at row boundaries when by_row) and runs them, the last one inline.
 * With private_rows > 0 every run but the first writes a zeroed buffer of private_rows x n of its own,
 * added into base.out once all are done; a buffer that cannot be allocated leaves its run to the
 * first thread's output, run after the others.
 */
static void run_split(Run base, int64_t nnz, int64_t threads, int by_row, int64_t private_rows,
                      void* (*fn)(void*)) {
  if (threads > RIGL_MAX_THREADS) threads = RIGL_MAX_THREADS;
  if (threads > nnz) threads = nnz > 0 ? nnz : 1;
  Run runs[RIGL_MAX_THREADS];
  pthread_t ids[RIGL_MAX_THREADS];
  int started[RIGL_MAX_THREADS] = {0};
  float* buffers[RIGL_MAX_THREADS] = {NULL};
  size_t size = (size_t)(private_rows * base.n);
  int64_t begin = 0;
  for (int64_t t = 0; t < threads; t++) {
    int64_t end = t == threads - 1 ? nnz : nnz * (t + 1) / threads;
    if (end < begin) end = begin;
    while (by_row && end < nnz && end > 0 && base.idx[2 * end] == base.idx[2 * (end - 1)]) end++;
    runs[t] = base;
    runs[t].begin = begin;
    runs[t].end = end;
    begin = end;
    if (t > 0 && size > 0) {
      buffers[t] = (float*)calloc(size, sizeof(float));
      if (buffers[t]) runs[t].out = buffers[t];
    }
  }
  /* A run that shares base.out with the first must not run beside it. */
  int shared[RIGL_MAX_THREADS] = {0};
  for (int64_t t = 1; t < threads; t++) shared[t] = size > 0 && !buffers[t];
  for (int64_t t = 1; t < threads; t++)
    if (!shared[t]) started[t] = pthread_create(&ids[t], NULL, fn, &runs[t]) == 0;
  fn(&runs[0]);
  for (int64_t t = 1; t < threads; t++) if (started[t]) pthread_join(ids[t], NULL);
  for (int64_t t = 1; t < threads; t++) if (!started[t]) fn(&runs[t]);
  for (int64_t t = 1; t < threads; t++) {
    if (!buffers[t]) continue;
    float* restrict o = base.out;
    const float* restrict p = buffers[t];
    for (size_t i = 0; i < size; i++) o[i] += p[i];
    free(buffers[t]);
  }
}

/* Every index inside [0, rows) x [0, cols). */
static int in_range(const int64_t* idx, int64_t nnz, int64_t rows, int64_t cols, TF_Status* status) {
  for (int64_t j = 0; j < nnz; j++) {
    if (idx[2 * j] < 0 || idx[2 * j] >= rows || idx[2 * j + 1] < 0 || idx[2 * j + 1] >= cols) {
      char message[160];
      snprintf(message, sizeof message, "index out of range: nonzero %" PRId64 " at (%" PRId64 ", %" PRId64
               ") outside [%" PRId64 ", %" PRId64 "]", j, idx[2 * j], idx[2 * j + 1], rows, cols);
      TF_SetStatus(status, RIGL_TF_INVALID_ARGUMENT, message);
      return 0;
    }
    if (j > 0 && idx[2 * j] < idx[2 * (j - 1)]) {
      TF_SetStatus(status, RIGL_TF_INVALID_ARGUMENT, "indices must be sorted by row");
      return 0;
    }
  }
  return 1;
}

static void spmm_compute(void* kernel, TF_OpKernelContext* ctx) {
  const Attrs* attrs = (const Attrs*)kernel;
  int64_t rows = attrs->rows;
  TF_Status* status = TF_NewStatus();
  TF_Tensor* t[4] = {NULL, NULL, NULL, NULL};
  if (inputs(ctx, t, status)) {
    Run base = {0};
    base.idx = (const int64_t*)TF_TensorData(t[0]);
    base.val = (const float*)TF_TensorData(t[1]);
    base.right = (const float*)TF_TensorData(t[2]);
    base.out_col = attrs->adjoint ? 1 : 0;
    int64_t nnz = TF_Dim(t[0], 0), k = TF_Dim(t[2], 0);
    base.n = TF_NumDims(t[2]) == 2 ? TF_Dim(t[2], 1) : 0;
    int64_t dims[2] = {rows, base.n};
    if (TF_NumDims(t[2]) != 2 || TF_NumDims(t[1]) != 1 || TF_Dim(t[1], 0) != nnz)
      TF_SetStatus(status, RIGL_TF_INVALID_ARGUMENT, "RiglSpmm needs values [nnz] and dense [k, n]");
    else if (attrs->dense_rows >= 0 && attrs->dense_rows != k)
      TF_SetStatus(status, RIGL_TF_INVALID_ARGUMENT, "RiglSpmm's dense operand has not dense_rows rows");
    else if (attrs->adjoint ? in_range(base.idx, nnz, k, rows, status) : in_range(base.idx, nnz, rows, k, status))
      t[3] = TF_AllocateOutput(ctx, 0, RIGL_TF_FLOAT, dims, 2, sizeof(float) * rows * base.n, status);
    if (TF_GetCode(status) == RIGL_TF_OK) {
      base.out = (float*)TF_TensorData(t[3]);
      memset(base.out, 0, sizeof(float) * rows * base.n);
      if (attrs->adjoint) run_split(base, nnz, attrs->threads, 0, rows, spmm_run);
      else run_split(base, nnz, attrs->threads, 1, 0, spmm_run);
    }
  }
  if (TF_GetCode(status) != RIGL_TF_OK) TF_OpKernelContext_Failure(ctx, status);
  release(t, 4);
  TF_DeleteStatus(status);
}

static void sddmm_compute(void* kernel, TF_OpKernelContext* ctx) {
  const Attrs* attrs = (const Attrs*)kernel;
  TF_Status* status = TF_NewStatus();
  TF_Tensor* t[4] = {NULL, NULL, NULL, NULL};
  if (inputs(ctx, t, status)) {
    Run base = {0};
    base.idx = (const int64_t*)TF_TensorData(t[0]);
    base.left = (const float*)TF_TensorData(t[1]);
    base.right = (const float*)TF_TensorData(t[2]);
    int64_t nnz = TF_Dim(t[0], 0);
    base.n = TF_NumDims(t[1]) == 2 ? TF_Dim(t[1], 1) : 0;
    if (TF_NumDims(t[1]) != 2 || TF_NumDims(t[2]) != 2 || TF_Dim(t[2], 1) != base.n) TF_SetStatus(status, RIGL_TF_INVALID_ARGUMENT, "left and right need equal columns");
    int64_t dims[1] = {nnz};
    if (TF_GetCode(status) == RIGL_TF_OK && in_range(base.idx, nnz, TF_Dim(t[1], 0), TF_Dim(t[2], 0), status))
      t[3] = TF_AllocateOutput(ctx, 0, RIGL_TF_FLOAT, dims, 1, sizeof(float) * nnz, status);
    if (TF_GetCode(status) == RIGL_TF_OK) {
      base.out = (float*)TF_TensorData(t[3]);
      run_split(base, nnz, attrs->threads, 0, 0, sddmm_run);
    }
  }
  if (TF_GetCode(status) != RIGL_TF_OK) TF_OpKernelContext_Failure(ctx, status);
  release(t, 4);
  TF_DeleteStatus(status);
}

static void register_op(const char* name, const char** ins, int n_ins, const char* out, const char** attrs,
                        int n_attrs, void* (*create)(TF_OpKernelConstruction*),
                        void (*compute)(void*, TF_OpKernelContext*)) {
  TF_Status* status = TF_NewStatus();
  TF_OpDefinitionBuilder* op = TF_NewOpDefinitionBuilder(name);
  for (int i = 0; i < n_ins; i++) TF_OpDefinitionBuilderAddInput(op, ins[i]);
  TF_OpDefinitionBuilderAddOutput(op, out);
  for (int i = 0; i < n_attrs; i++) TF_OpDefinitionBuilderAddAttr(op, attrs[i]);
  TF_OpDefinitionBuilderAddAttr(op, "threads: int = 1");
  TF_OpDefinitionBuilderSetShapeInferenceFunction(op, unknown_shape);
  TF_RegisterOpDefinition(op, status);
  TF_KernelBuilder* kernel = TF_NewKernelBuilder(name, "CPU", create, compute, free);
  TF_RegisterKernelBuilder(name, kernel, status);
  TF_DeleteStatus(status);
}

/* Registration runs when TensorFlow.loadLibrary opens this library. */
__attribute__((constructor)) static void register_rigl_sparse_ops(void) {
  const char* spmm_ins[] = {"indices: int64", "values: float", "dense: float"};
  const char* spmm_attrs[] = {"rows: int", "adjoint: bool = false", "dense_rows: int = -1"};
  register_op("RiglSpmm", spmm_ins, 3, "product: float", spmm_attrs, 3, spmm_create, spmm_compute);
  const char* sddmm_ins[] = {"indices: int64", "left: float", "right: float"};
  register_op("RiglSddmm", sddmm_ins, 3, "values: float", NULL, 0, attrs_create, sddmm_compute);
}
