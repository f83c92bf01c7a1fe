"""The wording of every finding the decision rules can make, in English and Chinese."""

from __future__ import annotations

from assistant.rules.claims import SectionId, Stance, Text
from assistant.rules.findings_device import DEVICE_TEXTS

__all__ = ["TEXTS", "SectionId", "Stance", "Text"]

_PLACE = ("deployment", "battery_powered", "power_budget_watts")

# Keyed by rule. Each text restates the cited section with the source's figures and hedges;
# chipwise's own advice and reading are labelled as such. Device findings: findings_device.py.
_GPU_TEXTS: dict[str, Text] = {
    "heavy.npu_too_slow": Text(
        "pitfall.npu-not-universal",
        "GPU",
        "{target} is beyond an NPU's parallel compute: generation may take too long (a "
        "10-minute video may need several hours), so a GPU is required.",
        "{target_zh}超出了NPU的并行算力,生成时间可能过长(10分钟视频可能需要几小时),此时必须使用GPU。",
        claims=("-npu_fits",),
    ),
    "heavy.professional": Text(
        "scenario.professional",
        "GPU",
        "This is professional ultra-HD or long-form work: GPUs such as the RTX 4090 or H100 can "
        "carry per-frame computation of about ten million pixels, bring a 4K frame down to "
        "0.1 s or less, and run mainstream models without adaptation.",
        "这属于专业级超高清/长视频生成:RTX 4090、H100 等GPU可支撑单帧千万级像素计算,"
        "4K视频单帧处理时间可压缩至0.1秒内,且无需额外适配即可运行主流模型。",
    ),
    "heavy.unplaced": Text(
        "questions.deployment",
        "neutral",
        "Assumed it runs on servers. On a phone or edge device a GPU's high power draw "
        "collapses battery life; chipwise's advice then: generate on cloud GPUs and deliver "
        "the video.",
        "假设在服务器上运行。若在手机或边缘设备上,GPU的高功耗会导致续航崩溃;chipwise 建议:改在云端GPU生成后传到设备。",
        assumes=_PLACE,
        claims=("server",),
    ),
    "heavy.unplaced_offline": Text(
        "questions.deployment",
        "neutral",
        "Assumed it runs on servers or a GPU workstation. chipwise's reading: on an offline "
        "phone or edge device no hardware fits this target.",
        "假设在服务器或GPU工作站上运行。chipwise 的判断:若在离线的手机或边缘设备上,没有硬件能满足这一规格。",
        assumes=_PLACE,
        claims=("server",),
    ),
    "heavy.batch": Text(
        "scenario.datacenter",
        "GPU",
        "The usual batch split (GPU training, NPU inference) does not apply: this target is "
        "beyond an NPU's parallel compute and generation may take too long, so inference stays "
        "on GPUs as well.",
        "常规的批量分工(GPU训练、NPU推理)在此不适用:该规格超出NPU的并行算力,生成时间可能过长,推理也应放在GPU上。",
        claims=("-npu_fits",),
    ),
    "heavy.cost": Text(
        "pitfall.npu-not-universal",
        "GPU",
        "NPU inference can save 30-50 % energy on standardized batches, but not for this "
        "target: it is beyond an NPU's parallel compute, so a GPU is required.",
        "NPU推理在标准化批量任务中可节省30%-50%能耗,但不适用于这种规格:它超出NPU的并行算力,必须使用GPU。",
        claims=("-npu_fits",),
    ),
    "gpu.professional": Text(
        "scenario.professional",
        "GPU",
        "Complex motion, mid-generation edits and 1080p/4K videos of 30 s and more are "
        "professional work: GPUs bring the parallel compute and let parameters change mid-run, "
        "while an NPU works in a static inference mode.",
        "复杂动态、生成中途调整以及30秒及以上的1080P/4K视频属于专业级需求:GPU算力充足且支持中途修改参数,"
        "而NPU采用静态推理模式。",
    ),
    "gpu.experimental": Text(
        "scenario.experimental",
        "GPU",
        "New, unoptimised models run almost out of the box on GPUs (PyTorch, Diffusers) and can "
        "be profiled; NPU toolchain adaptation may take weeks.",
        "新的、未优化的模型在GPU上几乎开箱即用(PyTorch、Diffusers),并便于调试;NPU工具链适配可能需数周。",
    ),
    "gpu.cuda": Text(
        "pitfall.cuda-only",
        "GPU",
        "The model only supports CUDA: moving it to an NPU may need heavy adaptation or may not "
        "work at all, so GPUs come first.",
        "模型仅支持CUDA:迁移到NPU可能需要大量适配,甚至无法运行,应优先选GPU。",
    ),
    "gpu.training": Text(
        "scenario.datacenter",
        "GPU",
        "Training video generation models runs on GPUs such as the A100.",
        "视频生成模型的训练在GPU(如A100)上进行。",
    ),
    "placed.server": Text(
        "questions.deployment",
        "neutral",
        "Assumed it runs on servers; on a phone or edge device the NPU would be required instead.",
        "假设在服务器上运行;若在手机或边缘设备上,则必须改用NPU。",
        assumes=_PLACE,
        claims=("server",),
    ),
    "server.default": Text(
        "summary",
        "GPU",
        "chipwise defaults to GPUs on servers: they bring high performance and flexibility and "
        "run mainstream models without adaptation; for large standardized batches, NPU "
        "inference can save 30-50 % energy.",
        "chipwise 在服务器上默认选GPU:性能高、灵活,主流模型无需适配即可运行;大规模标准化批量生成时,"
        "NPU推理可节省30%-50%能耗。",
    ),
    "server.batch_unknown": Text(
        "scenario.datacenter",
        "neutral",
        "Assumed this is not a standardized batch of tens of thousands of videos a day; if it "
        "is, GPU training with NPU inference can save 30-50 % energy.",
        "假设不是每天数万条的标准化批量任务;若是,GPU训练+NPU推理可节省30%-50%能耗。",
        assumes=("templated", "videos_per_day"),
        claims=("-batch",),
    ),
    "server.cost": Text(
        "scenario.datacenter",
        "NPU",
        "NPU inference can save 30-50 % energy when jobs are fixed and standardized, as in "
        "batches of tens of thousands a day; chipwise's advice: standardize the jobs to "
        "benefit.",
        "NPU推理在固定、标准化的任务(如每天数万条的批量生成)中可节省30%-50%能耗;chipwise 建议:先把任务标准化再受益。",
    ),
    "server.power_cap": Text(
        "questions.constraints",
        "neutral",
        "A {watts} W cap is device-sized (edge NPUs usually draw < 10 W); for servers the "
        "framework counts power as the electricity bill, not as a cap. chipwise's advice: "
        "check whether the cap belongs to a device that only receives the videos; if the "
        "servers themselves are capped this low, raise the budget.",
        "{watts}W属于设备级的功耗上限(边缘NPU通常<10W);对服务器,框架把功耗算作电费,而不是上限。"
        "chipwise 建议:确认该上限是否针对只接收视频的设备;若服务器本身受此限制,请提高预算。",
    ),
    "batch.split": Text(
        "scenario.datacenter",
        "both",
        "Standardized batch generation splits the work: GPUs train the model and handle "
        "complex preprocessing, an NPU cluster runs the inference at scale.",
        "标准化批量生成适合分工:GPU负责模型训练与复杂预处理,NPU集群负责规模化推理。",
        claims=("batch",),
    ),
    "batch.energy": Text(
        "scenario.datacenter",
        "both",
        "NPU inference can save 30-50 % of the energy of a GPU-only setup, lowering the "
        "electricity bill.",
        "NPU推理比纯GPU方案可节省30%-50%能耗,降低电费成本。",
    ),
    "batch.training": Text(
        "scenario.datacenter",
        "GPU",
        "Model training (e.g. adapting to a product's style) stays on GPUs such as the A100.",
        "模型训练(如适配特定商品风格)放在GPU(如A100)上。",
    ),
    "batch.keyframes": Text(
        "scenario.datacenter",
        "GPU",
        "Dynamic keyframe generation and other complex preprocessing stay on the GPUs.",
        "动态关键帧生成等复杂预处理放在GPU上。",
    ),
    "batch.interactive": Text(
        "scenario.professional",
        "GPU",
        "Mid-generation edits need a GPU's flexibility; chipwise's advice: route those jobs to "
        "GPUs and send only the fixed-template jobs to NPUs.",
        "生成中途调整参数需要GPU的灵活性;chipwise 建议:把这类任务交给GPU,只把固定模板任务交给NPU。",
    ),
    "batch.port_later": Text(
        "scenario.datacenter",
        "NPU",
        "At this volume, NPU inference can save 30-50 % energy on standardized jobs; chipwise's "
        "advice: move inference to NPUs once the model is ported and stable.",
        "在这种规模下,标准化任务的NPU推理可节省30%-50%能耗;chipwise 建议:待模型完成移植并稳定后,再把推理迁到NPU。",
    ),
    "batch.target_unknown": Text(
        "pitfall.npu-not-universal",
        "neutral",
        "Assumed clips below 4K and under 5 minutes; otherwise inference stays on GPUs.",
        "假设视频低于4K且短于5分钟;否则推理也应留在GPU上。",
        assumes=("resolution", "duration_seconds"),
        claims=("npu_fits",),
    ),
    "batch.templated_unknown": Text(
        "scenario.datacenter",
        "neutral",
        "Assumed standardized jobs (fixed resolution and templates): NPU inference is for "
        "fixed jobs. chipwise's advice: keep varied jobs on GPUs.",
        "假设是标准化任务(固定分辨率和模板):NPU推理针对固定任务。chipwise 建议:非标准化任务留在GPU上。",
        assumes=("templated",),
        claims=("batch",),
    ),
    "batch.model_unknown": Text(
        "pitfall.cuda-only",
        "neutral",
        "Assumed the model is neither CUDA-only nor a new experimental one, so it can be "
        "adapted for NPU inference; otherwise inference stays on GPUs for now.",
        "假设模型既不是仅支持CUDA,也不是新的实验性模型,可以适配到NPU推理;否则推理暂时留在GPU上。",
        assumes=("cuda_only_model", "experimental_model"),
    ),
    "close.battery_client": Text(
        "pitfall.gpu-on-device",
        "neutral",
        "chipwise's advice: keep the GPUs on the server; the battery-powered device only "
        "receives the finished video, since a GPU there would collapse its battery life.",
        "chipwise 建议:GPU留在服务器上,电池供电的设备只接收成品视频,因为设备上的GPU会导致续航崩溃。",
    ),
    # Cites the section of the verdict's first reason (see decision._closing_notes).
    "close.preferred": Text(
        "summary",
        "neutral",
        "You asked for {wanted}, but {verdict} fits this job: {first}",
        "你希望使用{wanted},但这个任务应选择{verdict}:{first_zh}",
    ),
}

TEXTS: dict[str, Text] = {**_GPU_TEXTS, **DEVICE_TEXTS}
