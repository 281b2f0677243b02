/**
 * What is computed: model architectures (attention kinds, dense and MoE FFNs, MTP) and training recipes.
 * Derives parameter counts, training FLOPs per token, KV-cache bytes per token and training memory per GPU.
 */
package org.hourglass.workload;
