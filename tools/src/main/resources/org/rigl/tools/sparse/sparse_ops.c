/*
 * Two CPU kernels over a weight's nonzeros, registered with TensorFlow through its C kernel API
 * (exported by libtensorflow_framework.so.2). Matrices are row-major; activations are kept
 * [features, batch] so every inner loop runs over the batch, contiguous in memory.
 *
 *   RiglSpmm(indices [nnz, 2] int64 sorted by row, values [nnz] float, dense [k, n] float; attr rows)
 *     -> product [rows, n]: product[r, :] = sum over nonzeros (r, c) of value * dense[c, :]
 *   RiglSddmm(indices [nnz, 2] int64, left [a, n] float, right [b, n] float)
 *     -> values [nnz]: values[j] = dot(left[r_j, :], right[c_j, :])
 *
 * Only the few C API declarations used are written here, by hand, from the API's documented
 * signatures.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct TF_Status TF_Status;
typedef struct TF_Tensor TF_Tensor;
typedef struct TF_OpDefinitionBuilder TF_OpDefinitionBuilder;
typedef struct TF_KernelBuilder TF_KernelBuilder;
typedef struct TF_OpKernelConstruction TF_OpKernelConstruction;
typedef struct TF_OpKernelContext TF_OpKernelContext;
typedef struct TF_ShapeInferenceContext TF_ShapeInferenceContext;

enum { RIGL_TF_OK = 0, RIGL_TF_INVALID_ARGUMENT = 3, RIGL_TF_FLOAT = 1 };

extern TF_Status* TF_NewStatus(void);
extern void TF_DeleteStatus(TF_Status*);
extern int TF_GetCode(const TF_Status*);
extern void TF_SetStatus(TF_Status*, int code, const char* message);
extern void* TF_TensorData(const TF_Tensor*);
extern int TF_NumDims(const TF_Tensor*);
extern int64_t TF_Dim(const TF_Tensor*, int);
extern void TF_DeleteTensor(TF_Tensor*);
extern TF_OpDefinitionBuilder* TF_NewOpDefinitionBuilder(const char* name);
extern void TF_OpDefinitionBuilderAddInput(TF_OpDefinitionBuilder*, const char* spec);
extern void TF_OpDefinitionBuilderAddOutput(TF_OpDefinitionBuilder*, const char* spec);
extern void TF_OpDefinitionBuilderAddAttr(TF_OpDefinitionBuilder*, const char* spec);
extern void TF_OpDefinitionBuilderSetShapeInferenceFunction(
    TF_OpDefinitionBuilder*, void (*fn)(TF_ShapeInferenceContext*, TF_Status*));
extern void TF_ShapeInferenceContextSetUnknownShape(TF_ShapeInferenceContext*, TF_Status*);
extern void TF_RegisterOpDefinition(TF_OpDefinitionBuilder*, TF_Status*);
extern TF_KernelBuilder* TF_NewKernelBuilder(const char* op, const char* device,
    void* (*create)(TF_OpKernelConstruction*), void (*compute)(void*, TF_OpKernelContext*),
    void (*destroy)(void*));
extern void TF_RegisterKernelBuilder(const char* name, TF_KernelBuilder*, TF_Status*);
extern void TF_GetInput(TF_OpKernelContext*, int index, TF_Tensor** tensor, TF_Status*);
extern TF_Tensor* TF_AllocateOutput(TF_OpKernelContext*, int index, int dtype, const int64_t* dims,
    int num_dims, size_t len, TF_Status*);
extern void TF_OpKernelContext_Failure(TF_OpKernelContext*, TF_Status*);
extern void TF_OpKernelConstruction_GetAttrInt64(TF_OpKernelConstruction*, const char* name,
    int64_t* value, TF_Status*);
extern void TF_OpKernelConstruction_Failure(TF_OpKernelConstruction*, TF_Status*);

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

static void* spmm_create(TF_OpKernelConstruction* ctx) {
  int64_t* rows = (int64_t*)malloc(sizeof(int64_t));
  TF_Status* status = TF_NewStatus();
  TF_OpKernelConstruction_GetAttrInt64(ctx, "rows", rows, status);
  if (TF_GetCode(status) != RIGL_TF_OK) TF_OpKernelConstruction_Failure(ctx, status);
  TF_DeleteStatus(status);
  return rows;
}

static void spmm_compute(void* kernel, TF_OpKernelContext* ctx) {
  int64_t rows = *(int64_t*)kernel;
  TF_Status* status = TF_NewStatus();
  TF_Tensor* t[4] = {NULL, NULL, NULL, NULL};
  if (inputs(ctx, t, status)) {
    const int64_t* idx = (const int64_t*)TF_TensorData(t[0]);
    const float* val = (const float*)TF_TensorData(t[1]);
    const float* dense = (const float*)TF_TensorData(t[2]);
    int64_t nnz = TF_Dim(t[0], 0), k = TF_Dim(t[2], 0), n = TF_Dim(t[2], 1);
    int64_t dims[2] = {rows, n};
    t[3] = TF_AllocateOutput(ctx, 0, RIGL_TF_FLOAT, dims, 2, sizeof(float) * rows * n, status);
    if (TF_GetCode(status) == RIGL_TF_OK) {
      float* out = (float*)TF_TensorData(t[3]);
      memset(out, 0, sizeof(float) * rows * n);
      for (int64_t j = 0; j < nnz; j++) {
        int64_t r = idx[2 * j], c = idx[2 * j + 1];
        if (r < 0 || r >= rows || c < 0 || c >= k) {
          TF_SetStatus(status, RIGL_TF_INVALID_ARGUMENT, "index out of range");
          break;
        }
        float v = val[j];
        float* restrict o = out + r * n;
        const float* restrict d = dense + c * n;
        for (int64_t b = 0; b < n; b++) o[b] += v * d[b];
      }
    }
  }
  if (TF_GetCode(status) != RIGL_TF_OK) TF_OpKernelContext_Failure(ctx, status);
  release(t, 4);
  TF_DeleteStatus(status);
}

static void sddmm_compute(void* kernel, TF_OpKernelContext* ctx) {
  (void)kernel;
  TF_Status* status = TF_NewStatus();
  TF_Tensor* t[4] = {NULL, NULL, NULL, NULL};
  if (inputs(ctx, t, status)) {
    const int64_t* idx = (const int64_t*)TF_TensorData(t[0]);
    const float* left = (const float*)TF_TensorData(t[1]);
    const float* right = (const float*)TF_TensorData(t[2]);
    int64_t nnz = TF_Dim(t[0], 0), a = TF_Dim(t[1], 0), b = TF_Dim(t[2], 0), n = TF_Dim(t[1], 1);
    if (TF_Dim(t[2], 1) != n) TF_SetStatus(status, RIGL_TF_INVALID_ARGUMENT, "left and right need equal columns");
    int64_t dims[1] = {nnz};
    if (TF_GetCode(status) == RIGL_TF_OK)
      t[3] = TF_AllocateOutput(ctx, 0, RIGL_TF_FLOAT, dims, 1, sizeof(float) * nnz, status);
    if (TF_GetCode(status) == RIGL_TF_OK) {
      float* out = (float*)TF_TensorData(t[3]);
      for (int64_t j = 0; j < nnz; j++) {
        int64_t r = idx[2 * j], c = idx[2 * j + 1];
        if (r < 0 || r >= a || c < 0 || c >= b) {
          TF_SetStatus(status, RIGL_TF_INVALID_ARGUMENT, "index out of range");
          break;
        }
        const float* restrict x = left + r * n;
        const float* restrict y = right + c * n;
        float sum = 0;
        for (int64_t i = 0; i < n; i++) sum += x[i] * y[i];
        out[j] = sum;
      }
    }
  }
  if (TF_GetCode(status) != RIGL_TF_OK) TF_OpKernelContext_Failure(ctx, status);
  release(t, 4);
  TF_DeleteStatus(status);
}

static void no_state(void* kernel) { (void)kernel; }

static void register_op(const char* name, const char** ins, int n_ins, const char* out, const char* attr,
                        void* (*create)(TF_OpKernelConstruction*), void (*compute)(void*, TF_OpKernelContext*),
                        void (*destroy)(void*)) {
  TF_Status* status = TF_NewStatus();
  TF_OpDefinitionBuilder* op = TF_NewOpDefinitionBuilder(name);
  for (int i = 0; i < n_ins; i++) TF_OpDefinitionBuilderAddInput(op, ins[i]);
  TF_OpDefinitionBuilderAddOutput(op, out);
  if (attr) TF_OpDefinitionBuilderAddAttr(op, attr);
  TF_OpDefinitionBuilderSetShapeInferenceFunction(op, unknown_shape);
  TF_RegisterOpDefinition(op, status);
  TF_KernelBuilder* kernel = TF_NewKernelBuilder(name, "CPU", create, compute, destroy);
  TF_RegisterKernelBuilder(name, kernel, status);
  TF_DeleteStatus(status);
}

static void* sddmm_create(TF_OpKernelConstruction* ctx) {
  (void)ctx;
  return NULL;
}

/* Registration runs when TensorFlow.loadLibrary opens this library. */
__attribute__((constructor)) static void register_rigl_sparse_ops(void) {
  const char* spmm_ins[] = {"indices: int64", "values: float", "dense: float"};
  register_op("RiglSpmm", spmm_ins, 3, "product: float", "rows: int", spmm_create, spmm_compute, free);
  const char* sddmm_ins[] = {"indices: int64", "left: float", "right: float"};
  register_op("RiglSddmm", sddmm_ins, 3, "values: float", NULL, sddmm_create, sddmm_compute, no_state);
}
