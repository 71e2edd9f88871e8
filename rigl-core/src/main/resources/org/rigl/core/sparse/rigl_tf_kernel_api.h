/*
 * The few declarations of TensorFlow's C kernel API (exported by libtensorflow_framework.so.2) that the
 * native ops use, written by hand from the API's documented signatures; TensorFlow's headers are not
 * needed to build them.
 */
#ifndef RIGL_TF_KERNEL_API_H
#define RIGL_TF_KERNEL_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
extern void TF_OpKernelConstruction_GetAttrBool(TF_OpKernelConstruction*, const char* name,
    unsigned char* value, TF_Status*);
extern void TF_OpKernelConstruction_Failure(TF_OpKernelConstruction*, TF_Status*);
extern void TF_GetInputTensorFromVariable(TF_OpKernelContext*, int input, bool lock_held, bool is_variant_type,
    bool sparse, void (*copy)(TF_OpKernelContext*, TF_Tensor*, TF_Tensor*), TF_Tensor** out, TF_Status*);

#endif
