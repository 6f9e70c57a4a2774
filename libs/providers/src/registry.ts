import type { ProviderAdapter } from './core/types.js';
import { anthropic } from './anthropic/anthropic.provider.js';
import { anyscale } from './anyscale/anyscale.provider.js';
import { azureOpenai } from './azure-openai/azure-openai.provider.js';
import { deepinfra } from './deepinfra/deepinfra.provider.js';
import { deepseek } from './deepseek/deepseek.provider.js';
import { fireworksAi } from './fireworks-ai/fireworks-ai.provider.js';
import { google } from './google/google.provider.js';
import { groq } from './groq/groq.provider.js';
import { mistralAi } from './mistral-ai/mistral-ai.provider.js';
import { openai } from './openai/openai.provider.js';
import { openrouter } from './openrouter/openrouter.provider.js';
import { perplexityAi } from './perplexity-ai/perplexity-ai.provider.js';
import { togetherAi } from './together-ai/together-ai.provider.js';
import { xAi } from './x-ai/x-ai.provider.js';
import { cerebras } from './cerebras/cerebras.provider.js';
import { sambanova } from './sambanova/sambanova.provider.js';
import { novitaAi } from './novita-ai/novita-ai.provider.js';
import { moonshot } from './moonshot/moonshot.provider.js';
import { zhipu } from './zhipu/zhipu.provider.js';
import { zAi } from './z-ai/z-ai.provider.js';
import { dashscope } from './dashscope/dashscope.provider.js';
import { upstage } from './upstage/upstage.provider.js';
import { nebius } from './nebius/nebius.provider.js';
import { hyperbolic } from './hyperbolic/hyperbolic.provider.js';
import { lambda } from './lambda/lambda.provider.js';
import { lepton } from './lepton/lepton.provider.js';
import { rekaAi } from './reka-ai/reka-ai.provider.js';
import { lemonfoxAi } from './lemonfox-ai/lemonfox-ai.provider.js';
import { siliconflow } from './siliconflow/siliconflow.provider.js';
import { nscale } from './nscale/nscale.provider.js';
import { featherlessAi } from './featherless-ai/featherless-ai.provider.js';
import { inferenceNet } from './inference-net/inference-net.provider.js';
import { klusterAi } from './kluster-ai/kluster-ai.provider.js';
import { github } from './github/github.provider.js';
import { deepbricks } from './deepbricks/deepbricks.provider.js';
import { lingyi } from './lingyi/lingyi.provider.js';
import { ai302 } from './302ai/302ai.provider.js';
import { cometapi } from './cometapi/cometapi.provider.js';
import { ioIntelligence } from './iointelligence/iointelligence.provider.js';
import { monsterapi } from './monsterapi/monsterapi.provider.js';
import { krutrim } from './krutrim/krutrim.provider.js';
import { ovhcloud } from './ovhcloud/ovhcloud.provider.js';
import { vllm } from './vllm/vllm.provider.js';
import { lmStudio } from './lm-studio/lm-studio.provider.js';
import { llamaCpp } from './llama-cpp/llama-cpp.provider.js';
import { triton } from './triton/triton.provider.js';
import { predibase } from './predibase/predibase.provider.js';
import { cohere } from './cohere/cohere.provider.js';
import { ai21 } from './ai21/ai21.provider.js';
import { nomic } from './nomic/nomic.provider.js';
import { stabilityAi } from './stability-ai/stability-ai.provider.js';
import { ollama } from './ollama/ollama.provider.js';
import { jina } from './jina/jina.provider.js';
import { voyage } from './voyage/voyage.provider.js';
import { workersAi } from './workers-ai/workers-ai.provider.js';
import { huggingface } from './huggingface/huggingface.provider.js';
import { segmind } from './segmind/segmind.provider.js';
import { recraftAi } from './recraft-ai/recraft-ai.provider.js';
import { replicate } from './replicate/replicate.provider.js';
import { palm } from './palm/palm.provider.js';
import { bedrock } from './bedrock/bedrock.provider.js';
import { vertexAi } from './vertex-ai/vertex-ai.provider.js';
import { azureAi } from './azure-ai/azure-ai.provider.js';
import { ncompass } from './ncompass/ncompass.provider.js';
import { matterai } from './matterai/matterai.provider.js';
import { nextbit } from './nextbit/nextbit.provider.js';
import { modal } from './modal/modal.provider.js';
import { aibadgr } from './aibadgr/aibadgr.provider.js';
import { bytez } from './bytez/bytez.provider.js';
import { cortex } from './cortex/cortex.provider.js';
import { portkey } from './portkey/portkey.provider.js';
import { nvidia } from './nvidia/nvidia.provider.js';
import { databricks } from './databricks/databricks.provider.js';
import { sglang } from './sglang/sglang.provider.js';
import { localai } from './localai/localai.provider.js';
import { tgi } from './tgi/tgi.provider.js';
import { qdrant } from './qdrant/qdrant.provider.js';
import { milvus } from './milvus/milvus.provider.js';
import { meshy } from './meshy/meshy.provider.js';
import { tripo3d } from './tripo3d/tripo3d.provider.js';
import { sagemaker } from './sagemaker/sagemaker.provider.js';
import { oracle } from './oracle/oracle.provider.js';
import { watsonx } from './watsonx/watsonx.provider.js';

/** Every provider the gateway knows, registered in this one place. */
const ALL: ProviderAdapter[] = [
  openai,
  azureOpenai,
  anthropic,
  google,
  togetherAi,
  anyscale,
  perplexityAi,
  deepinfra,
  groq,
  fireworksAi,
  openrouter,
  deepseek,
  xAi,
  mistralAi,
  cerebras,
  sambanova,
  novitaAi,
  moonshot,
  zhipu,
  zAi,
  dashscope,
  upstage,
  nebius,
  hyperbolic,
  lambda,
  lepton,
  rekaAi,
  lemonfoxAi,
  siliconflow,
  nscale,
  featherlessAi,
  inferenceNet,
  klusterAi,
  github,
  deepbricks,
  lingyi,
  ai302,
  cometapi,
  ioIntelligence,
  monsterapi,
  krutrim,
  ovhcloud,
  vllm,
  lmStudio,
  llamaCpp,
  triton,
  predibase,
  cohere,
  ai21,
  nomic,
  stabilityAi,
  ollama,
  jina,
  voyage,
  workersAi,
  huggingface,
  segmind,
  recraftAi,
  replicate,
  palm,
  bedrock,
  vertexAi,
  azureAi,
  ncompass,
  matterai,
  nextbit,
  modal,
  aibadgr,
  bytez,
  cortex,
  portkey,
  nvidia,
  databricks,
  sglang,
  localai,
  tgi,
  qdrant,
  milvus,
  meshy,
  tripo3d,
  sagemaker,
  oracle,
  watsonx,
];

export const PROVIDERS: ReadonlyMap<string, ProviderAdapter> = new Map(ALL.map((p) => [p.id, p]));

export function getProvider(id: string): ProviderAdapter | undefined {
  return PROVIDERS.get(id);
}
