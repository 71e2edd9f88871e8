/*
 * The weight step and the reads of a layer computed over its nonzeros, as CPU kernels registered
 * through TensorFlow's C kernel API: each touches only the positions given, [nnz, 2] int64 indices
 * into a row-major [rows, cols] weight, in one pass. TensorFlow's GatherNd / ScatterNdUpdate /
 * ScatterNdSub do the same work at tens of nanoseconds per element; these take a few.
 *
 *   RiglGather(params [rows, cols] float, indices) -> values [nnz]
 *   RiglSparseApplySgd(var: Ref, indices, grad [nnz], lr)
 *   RiglSparseApplyMomentum(var: Ref, accum: Ref, indices, grad, lr, momentum; attr use_nesterov)
 *   RiglSparseApplyAdam(var: Ref, m: Ref, v: Ref, indices, grad, beta1_power, beta2_power, lr, beta1,
 *                       beta2, epsilon)
 *
 * The apply kernels update the variables in place (reached through TF_GetInputTensorFromVariable,
 * which hands out a ref input's own buffer) with the arithmetic of TensorFlow's ApplyGradientDescent,
 * ApplyMomentum and ApplyAdam at those positions, and have no outputs. The C API declarations used are
 * in rigl_tf_kernel_api.h.
 */
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "rigl_tf_kernel_api.h"


#define MAX_INPUTS 11

/* A kernel run's inputs: refs first (variables), then plain tensors. */
typedef struct {
  TF_Tensor* t[MAX_INPUTS];
  int n;
  TF_Status* status;
} Inputs;

static void no_copy(TF_OpKernelContext* ctx, TF_Tensor* source, TF_Tensor* dest) {
  (void)ctx; (void)source; (void)dest;
}

static int read_inputs(TF_OpKernelContext* ctx, Inputs* in, int refs, int n) {
  in->n = n;
  for (int i = 0; i < n; i++) in->t[i] = NULL;
  for (int i = 0; i < n; i++) {
    if (i < refs) {
      TF_GetInputTensorFromVariable(ctx, i, false, false, false, no_copy, &in->t[i], in->status);
    } else {
      TF_GetInput(ctx, i, &in->t[i], in->status);
    }
    if (TF_GetCode(in->status) != RIGL_TF_OK) return 0;
  }
  return 1;
}

static void finish(TF_OpKernelContext* ctx, Inputs* in) {
  if (TF_GetCode(in->status) != RIGL_TF_OK) TF_OpKernelContext_Failure(ctx, in->status);
  for (int i = 0; i < in->n; i++) if (in->t[i]) TF_DeleteTensor(in->t[i]);
  TF_DeleteStatus(in->status);
}

static int64_t count(const TF_Tensor* t) {
  int64_t n = 1;
  for (int d = 0; d < TF_NumDims(t); d++) n *= TF_Dim(t, d);
  return n;
}

/*
 * Checks that the variables (the first `vars` inputs) are 2-D and alike, that `indices` is [nnz, 2]
 * inside them and `grad` holds nnz values; returns the flat offsets' column count, or -1 (status set).
 */
static int64_t check(Inputs* in, int vars, int indices, int grad) {
  char message[200];
  TF_Tensor* v = in->t[0];
  if (TF_NumDims(v) != 2) {
    TF_SetStatus(in->status, RIGL_TF_INVALID_ARGUMENT, "the variable must be 2-D [rows, cols]");
    return -1;
  }
  for (int i = 1; i < vars; i++) {
    if (TF_NumDims(in->t[i]) != 2 || TF_Dim(in->t[i], 0) != TF_Dim(v, 0) || TF_Dim(in->t[i], 1) != TF_Dim(v, 1)) {
      TF_SetStatus(in->status, RIGL_TF_INVALID_ARGUMENT, "every slot must have the variable's shape");
      return -1;
    }
  }
  TF_Tensor* idx = in->t[indices];
  if (TF_NumDims(idx) != 2 || TF_Dim(idx, 1) != 2) {
    TF_SetStatus(in->status, RIGL_TF_INVALID_ARGUMENT, "indices must be [nnz, 2]");
    return -1;
  }
  int64_t nnz = TF_Dim(idx, 0), rows = TF_Dim(v, 0), cols = TF_Dim(v, 1);
  if (grad >= 0 && count(in->t[grad]) != nnz) {
    snprintf(message, sizeof message, "%" PRId64 " gradient values for %" PRId64 " indices", count(in->t[grad]), nnz);
    TF_SetStatus(in->status, RIGL_TF_INVALID_ARGUMENT, message);
    return -1;
  }
  const int64_t* p = (const int64_t*)TF_TensorData(idx);
  for (int64_t j = 0; j < nnz; j++) {
    if (p[2 * j] < 0 || p[2 * j] >= rows || p[2 * j + 1] < 0 || p[2 * j + 1] >= cols) {
      snprintf(message, sizeof message, "index out of range: nonzero %" PRId64 " at (%" PRId64 ", %" PRId64
               ") of [%" PRId64 ", %" PRId64 "]", j, p[2 * j], p[2 * j + 1], rows, cols);
      TF_SetStatus(in->status, RIGL_TF_INVALID_ARGUMENT, message);
      return -1;
    }
  }
  return cols;
}

static float scalar(Inputs* in, int i) {
  return *(const float*)TF_TensorData(in->t[i]);
}

static void gather_compute(void* kernel, TF_OpKernelContext* ctx) {
  (void)kernel;
  Inputs in = {.status = TF_NewStatus()};
  TF_Tensor* out = NULL;
  if (read_inputs(ctx, &in, 0, 2)) {
    int64_t cols = check(&in, 1, 1, -1);
    if (cols >= 0) {
      int64_t nnz = TF_Dim(in.t[1], 0);
      int64_t dims[1] = {nnz};
      out = TF_AllocateOutput(ctx, 0, RIGL_TF_FLOAT, dims, 1, sizeof(float) * nnz, in.status);
      if (TF_GetCode(in.status) == RIGL_TF_OK) {
        const float* w = (const float*)TF_TensorData(in.t[0]);
        const int64_t* p = (const int64_t*)TF_TensorData(in.t[1]);
        float* values = (float*)TF_TensorData(out);
        for (int64_t j = 0; j < nnz; j++) values[j] = w[p[2 * j] * cols + p[2 * j + 1]];
      }
    }
  }
  if (out) TF_DeleteTensor(out);
  finish(ctx, &in);
}

static void sgd_compute(void* kernel, TF_OpKernelContext* ctx) {
  (void)kernel;
  Inputs in = {.status = TF_NewStatus()};
  if (read_inputs(ctx, &in, 1, 4)) {
    int64_t cols = check(&in, 1, 1, 2);
    if (cols >= 0) {
      float* w = (float*)TF_TensorData(in.t[0]);
      const int64_t* p = (const int64_t*)TF_TensorData(in.t[1]);
      const float* g = (const float*)TF_TensorData(in.t[2]);
      float lr = scalar(&in, 3);
      int64_t nnz = TF_Dim(in.t[1], 0);
      for (int64_t j = 0; j < nnz; j++) w[p[2 * j] * cols + p[2 * j + 1]] -= g[j] * lr;
    }
  }
  finish(ctx, &in);
}

typedef struct {
  unsigned char use_nesterov;
} MomentumAttrs;

static void* momentum_create(TF_OpKernelConstruction* ctx) {
  MomentumAttrs* attrs = (MomentumAttrs*)calloc(1, sizeof(MomentumAttrs));
  TF_Status* status = TF_NewStatus();
  TF_OpKernelConstruction_GetAttrBool(ctx, "use_nesterov", &attrs->use_nesterov, status);
  if (TF_GetCode(status) != RIGL_TF_OK) TF_OpKernelConstruction_Failure(ctx, status);
  TF_DeleteStatus(status);
  return attrs;
}

static void momentum_compute(void* kernel, TF_OpKernelContext* ctx) {
  const MomentumAttrs* attrs = (const MomentumAttrs*)kernel;
  Inputs in = {.status = TF_NewStatus()};
  if (read_inputs(ctx, &in, 2, 6)) {
    int64_t cols = check(&in, 2, 2, 3);
    if (cols >= 0) {
      float* w = (float*)TF_TensorData(in.t[0]);
      float* accum = (float*)TF_TensorData(in.t[1]);
      const int64_t* p = (const int64_t*)TF_TensorData(in.t[2]);
      const float* g = (const float*)TF_TensorData(in.t[3]);
      float lr = scalar(&in, 4), m = scalar(&in, 5);
      int64_t nnz = TF_Dim(in.t[2], 0);
      for (int64_t j = 0; j < nnz; j++) {
        int64_t k = p[2 * j] * cols + p[2 * j + 1];
        float a = accum[k] * m + g[j];
        accum[k] = a;
        w[k] -= attrs->use_nesterov ? g[j] * lr + a * m * lr : a * lr;
      }
    }
  }
  finish(ctx, &in);
}

static void adam_compute(void* kernel, TF_OpKernelContext* ctx) {
  (void)kernel;
  Inputs in = {.status = TF_NewStatus()};
  if (read_inputs(ctx, &in, 3, 11)) {
    int64_t cols = check(&in, 3, 3, 4);
    if (cols >= 0) {
      float* w = (float*)TF_TensorData(in.t[0]);
      float* m = (float*)TF_TensorData(in.t[1]);
      float* v = (float*)TF_TensorData(in.t[2]);
      const int64_t* p = (const int64_t*)TF_TensorData(in.t[3]);
      const float* g = (const float*)TF_TensorData(in.t[4]);
      float beta1_power = scalar(&in, 5), beta2_power = scalar(&in, 6), lr = scalar(&in, 7);
      float beta1 = scalar(&in, 8), beta2 = scalar(&in, 9), epsilon = scalar(&in, 10);
      float alpha = lr * sqrtf(1.0f - beta2_power) / (1.0f - beta1_power);
      int64_t nnz = TF_Dim(in.t[3], 0);
      for (int64_t j = 0; j < nnz; j++) {
        int64_t k = p[2 * j] * cols + p[2 * j + 1];
        m[k] += (g[j] - m[k]) * (1.0f - beta1);
        v[k] += (g[j] * g[j] - v[k]) * (1.0f - beta2);
        w[k] -= (m[k] * alpha) / (sqrtf(v[k]) + epsilon);
      }
    }
  }
  finish(ctx, &in);
}

static void unknown_shape(TF_ShapeInferenceContext* ctx, TF_Status* status) {
  TF_ShapeInferenceContextSetUnknownShape(ctx, status);
}

static void no_outputs(TF_ShapeInferenceContext* ctx, TF_Status* status) {
  (void)ctx; (void)status;
}

static void* no_attrs(TF_OpKernelConstruction* ctx) {
  (void)ctx;
  return calloc(1, 1);
}

static void register_op(const char* name, const char** ins, int n_ins, const char* out, const char* attr,
                        void* (*create)(TF_OpKernelConstruction*), void (*compute)(void*, TF_OpKernelContext*)) {
  TF_Status* status = TF_NewStatus();
  TF_OpDefinitionBuilder* op = TF_NewOpDefinitionBuilder(name);
  for (int i = 0; i < n_ins; i++) TF_OpDefinitionBuilderAddInput(op, ins[i]);
  if (out) TF_OpDefinitionBuilderAddOutput(op, out);
  if (attr) TF_OpDefinitionBuilderAddAttr(op, attr);
  TF_OpDefinitionBuilderSetShapeInferenceFunction(op, out ? unknown_shape : no_outputs);
  TF_RegisterOpDefinition(op, status);
  TF_KernelBuilder* kernel = TF_NewKernelBuilder(name, "CPU", create, compute, free);
  TF_RegisterKernelBuilder(name, kernel, status);
  TF_DeleteStatus(status);
}

/* Registration runs when TensorFlow.loadLibrary opens the library. */
__attribute__((constructor)) static void register_rigl_sparse_updates(void) {
  const char* gather[] = {"params: float", "indices: int64"};
  register_op("RiglGather", gather, 2, "values: float", NULL, no_attrs, gather_compute);
  const char* sgd[] = {"var: Ref(float)", "indices: int64", "grad: float", "lr: float"};
  register_op("RiglSparseApplySgd", sgd, 4, NULL, NULL, no_attrs, sgd_compute);
  const char* momentum[] = {"var: Ref(float)", "accum: Ref(float)", "indices: int64", "grad: float", "lr: float",
                            "momentum: float"};
  register_op("RiglSparseApplyMomentum", momentum, 6, NULL, "use_nesterov: bool = false", momentum_create,
              momentum_compute);
  const char* adam[] = {"var: Ref(float)", "m: Ref(float)", "v: Ref(float)", "indices: int64", "grad: float",
                        "beta1_power: float", "beta2_power: float", "lr: float", "beta1: float", "beta2: float",
                        "epsilon: float"};
  register_op("RiglSparseApplyAdam", adam, 11, NULL, NULL, no_attrs, adam_compute);
}
