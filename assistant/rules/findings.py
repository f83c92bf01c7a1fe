"""The wording of every finding the decision rules can make, in English and Chinese."""

from __future__ import annotations

from typing import Literal

SectionId = Literal[
    "overview",
    "questions.target",
    "questions.deployment",
    "questions.constraints",
    "scenario.professional",
    "scenario.mobile",
    "scenario.datacenter",
    "scenario.edge",
    "scenario.experimental",
    "pitfall.npu-not-universal",
    "pitfall.gpu-on-device",
    "pitfall.cuda-only",
    "summary",
]


# The findings' wording, keyed by rule: (section cited, English, Chinese). Each text restates
# the cited section in the project's words, so the answer can quote it in either language.
TEXTS: dict[str, tuple[SectionId, str, str]] = {
    "heavy.npu_too_slow": (
        "pitfall.npu-not-universal",
        "{target} is too much for an NPU: it lacks the parallel compute, and a 10-minute video "
        "could take hours. Use GPUs.",
        "{target_zh}超出了NPU的并行算力,生成时间会过长(10分钟视频可能需要几小时),必须使用GPU。",
    ),
    "heavy.professional": (
        "scenario.professional",
        "This is professional ultra-HD or long-form work: GPUs such as the RTX 4090 or H100 "
        "process a 4K frame in 0.1 s or less and run mainstream models without adaptation.",
        "这属于专业级超高清/长视频生成:RTX 4090、H100 等GPU处理单帧4K可在0.1秒内完成,"
        "且无需适配即可运行主流模型。",
    ),
    "heavy.device_npu": (
        "pitfall.npu-not-universal",
        "The device's NPU cannot generate this in reasonable time either; to stay on the "
        "device, cut it to short clips at 1080p or less.",
        "设备上的NPU同样无法在合理时间内生成;若必须留在设备上,请改为1080P以内的短片。",
    ),
    "heavy.device_gpu": (
        "pitfall.gpu-on-device",
        "Don't run a GPU on the device: it would drain the battery. Generate on cloud GPUs "
        "and deliver the finished video to the device.",
        "不要在设备上运行GPU,高功耗会耗光电量;应在云端GPU上生成,再把成品视频传到设备上。",
    ),
    "heavy.device_gpu_offline": (
        "pitfall.gpu-on-device",
        "Don't run a GPU on the device: it would drain the battery.",
        "不要在设备上运行GPU,高功耗会耗光电量。",
    ),
    "heavy.offline": (
        "questions.deployment",
        "Offline rules out cloud GPUs, so nothing fits: shrink the target to short clips at "
        "1080p or less for the NPU, or use a mains-powered GPU workstation.",
        "离线运行排除了云端GPU,没有合适的方案:请把目标降到1080P以内的短片交给NPU,或改用接市电的GPU工作站。",
    ),
    "heavy.unplaced": (
        "questions.deployment",
        "Assumed it runs on servers; on a phone or edge device, still generate on cloud GPUs "
        "and deliver the video, since a GPU would drain the device's battery.",
        "假设在服务器上运行;若在手机或边缘设备上,也应在云端GPU生成后传到设备,因为设备上的GPU会耗光电量。",
    ),
    "heavy.batch": (
        "scenario.datacenter",
        "The usual batch split (GPU training, NPU inference) does not apply: NPU inference is "
        "too slow for this target, so keep inference on GPUs as well.",
        "常规的批量分工(GPU训练、NPU推理)在此不适用:NPU推理这种规格太慢,推理也应放在GPU上。",
    ),
    "heavy.cost": (
        "pitfall.npu-not-universal",
        "NPUs are cheaper to run, but not for this target: hours-long generation costs more "
        "than the energy it saves.",
        "NPU运行成本更低,但不适用于这种规格:生成耗时过长,得不偿失。",
    ),
    "device.mobile": (
        "scenario.mobile",
        "On phones and tablets the NPU in the chip is 2-5x more energy-efficient than a GPU: a "
        "10 s 720p clip takes about 0.5 Wh (about 1 % of the battery) and under 1 s with a "
        "pruned model.",
        "手机/平板上,芯片内置的NPU能效比是GPU的2-5倍:生成10秒720P视频仅耗电约0.5Wh(约占电池1%),"
        "裁剪后的模型延迟<1秒。",
    ),
    "device.edge": (
        "scenario.edge",
        "Edge devices such as cameras and drones must use the NPU: edge NPUs draw under 10 W, "
        "even under 1 W, and generate locally with no network delay.",
        "摄像头、无人机等边缘设备必选NPU:边缘NPU功耗通常<10W,甚至<1W,可本地生成,无网络延迟。",
    ),
    "device.watts": (
        "questions.constraints",
        "A {watts} W power ceiling fits an NPU, not a GPU.",
        "{watts}W的功耗上限只容得下NPU,容不下GPU。",
    ),
    "device.watts_on_server": (
        "questions.deployment",
        "{watts} W is a device-sized budget: even on a server it rules out GPUs, so plan NPU "
        "accelerators or raise the budget.",
        "{watts}W属于设备级功耗预算:即使在服务器上也容不下GPU,请选用NPU加速卡或提高预算。",
    ),
    "device.npu_only_choice": (
        "pitfall.gpu-on-device",
        "A GPU would drain a battery- or power-limited device; here the NPU is the only choice.",
        "在电池供电或功耗受限的设备上,GPU会导致续航崩溃,NPU是唯一选择。",
    ),
    "device.train_off_device": (
        "pitfall.gpu-on-device",
        "Train on GPU servers, never on the device: a GPU would drain its battery. Deploy the "
        "trained model to the device's NPU.",
        "在GPU服务器上训练,切勿在设备上用GPU(会耗光电量);训练好的模型部署到设备的NPU上。",
    ),
    "device.training": (
        "scenario.datacenter",
        "Training and fine-tuning run on GPUs (A100-class) in a server; the device only runs "
        "the trained model.",
        "模型训练与微调在服务器的GPU(如A100)上进行,设备只运行训练好的模型。",
    ),
    "limits.edge_target": (
        "scenario.edge",
        "Edge NPUs are built for clips of a few seconds at 720p or less; this target will be "
        "slow on the device, so keep clips short or send longer jobs to a server.",
        "边缘NPU适合720P以内、几秒的短片;该规格在设备上会很慢,请缩短片段或把长任务交给服务器。",
    ),
    "limits.mobile_target": (
        "scenario.mobile",
        "Phone NPUs are built for clips under 10 s at 720p/1080p; this target takes longer and "
        "uses more battery, so split it into short clips or generate it in the cloud.",
        "手机NPU适合10秒以内的720P/1080P短视频;该规格更慢、更耗电,请拆成短片或在云端生成。",
    ),
    "limits.fps": (
        "questions.target",
        "{fps} fps means more frames than the usual 30 fps: longer generation and more energy "
        "on an NPU.",
        "{fps}fps比常见的30fps需要生成更多帧:NPU上耗时更长、更耗电。",
    ),
    "limits.cuda": (
        "pitfall.cuda-only",
        "The model only supports CUDA, but the power limit rules out a GPU on the device: port "
        "or convert it to the NPU toolchain (weeks; some operators may not run), or offload "
        "the CUDA-only part to a GPU server.",
        "模型仅支持CUDA,但功耗限制排除了设备上的GPU:需移植/转换到NPU工具链(可能需数周,部分算子可能无法运行),"
        "或把依赖CUDA的部分卸载到GPU服务器。",
    ),
    "limits.cuda_offline": (
        "pitfall.cuda-only",
        "The model only supports CUDA, but the power limit rules out a GPU on the device and "
        "offline there is no GPU server to offload to: port or convert it to the NPU toolchain "
        "(weeks; some operators may not run).",
        "模型仅支持CUDA,但功耗限制排除了设备上的GPU,离线时也无法卸载到GPU服务器:只能移植/转换到NPU工具链"
        "(可能需数周,部分算子可能无法运行)。",
    ),
    "limits.experimental": (
        "scenario.experimental",
        "A new, unoptimised model needs NPU toolchain adaptation that can take weeks: debug it "
        "on a GPU workstation first, then port it to the device's NPU.",
        "新的、未优化的模型需要等待NPU工具链适配(可能长达数周):先在GPU工作站上调试,再移植到设备NPU。",
    ),
    "limits.motion": (
        "scenario.professional",
        "Complex motion and mid-generation edits are GPU strengths; an NPU runs static "
        "inference of lightweight models, so keep effects simple or generate them in the cloud.",
        "复杂动态效果和生成中途调整是GPU的强项;NPU只做轻量模型的静态推理,请简化效果或在云端生成。",
    ),
    "limits.edge_local": (
        "scenario.edge",
        "Local NPU inference needs no network and avoids cloud latency: generate as you shoot.",
        "本地NPU推理无需网络,避免云端传输延迟,可实现“拍摄即生成”。",
    ),
    "limits.mobile_cost": (
        "scenario.mobile",
        "The NPU is already part of the phone's chip, so it adds no hardware cost.",
        "NPU已集成在手机SoC中,无需额外硬件成本。",
    ),
    "limits.target_unknown": (
        "pitfall.npu-not-universal",
        "Assumed short clips below 4K; for 4K/8K or videos of 5 minutes and more, generate on "
        "cloud GPUs and deliver the video instead.",
        "假设是4K以下的短片;若需4K/8K或5分钟以上的视频,应改在云端GPU生成后传到设备。",
    ),
    "batch.port_later": (
        "scenario.datacenter",
        "At this volume NPU inference would cut energy use by 30-50 %: move inference to NPUs "
        "once the model is ported and stable.",
        "在这种规模下,NPU推理可节省30%-50%能耗:待模型完成移植并稳定后,再把推理迁到NPU。",
    ),
    "batch.split": (
        "scenario.datacenter",
        "Standardized batch generation splits the work: GPUs train the model and handle "
        "complex preprocessing, an NPU cluster runs the inference at scale.",
        "标准化批量生成适合分工:GPU负责模型训练与复杂预处理,NPU集群负责规模化推理。",
    ),
    "batch.energy": (
        "scenario.datacenter",
        "NPU inference uses 30-50 % less energy than a GPU-only setup, lowering the "
        "electricity bill.",
        "NPU推理比纯GPU方案节省30%-50%能耗,降低电费成本。",
    ),
    "batch.training": (
        "scenario.datacenter",
        "Training and fine-tuning (e.g. a product's style) stay on the GPUs (A100-class).",
        "模型训练与微调(如适配特定商品风格)放在GPU(如A100)上。",
    ),
    "batch.keyframes": (
        "scenario.datacenter",
        "Dynamic keyframe generation and other complex preprocessing stay on the GPUs.",
        "动态关键帧生成等复杂预处理放在GPU上。",
    ),
    "batch.interactive": (
        "scenario.professional",
        "Mid-generation edits need GPUs: route those jobs to the GPU pool and send only the "
        "fixed-template jobs to NPUs.",
        "生成中途调整参数需要GPU:把这类任务交给GPU,只把固定模板任务交给NPU。",
    ),
    "batch.target_unknown": (
        "pitfall.npu-not-universal",
        "Assumed clips below 4K and under 5 minutes; otherwise inference stays on GPUs.",
        "假设视频低于4K且短于5分钟;否则推理也应留在GPU上。",
    ),
    "batch.volume_unknown": (
        "scenario.datacenter",
        "Assumed tens of thousands of videos a day; at a small volume GPUs alone are simpler.",
        "假设每天数万条;如果量小,只用GPU更简单。",
    ),
    "batch.templated_unknown": (
        "scenario.datacenter",
        "Assumed standardized jobs (fixed resolution and templates); varied jobs stay on GPUs.",
        "假设是标准化任务(固定分辨率和模板);非标准化任务应留在GPU上。",
    ),
    "gpu.professional": (
        "scenario.professional",
        "Complex motion, mid-generation edits and 1080p+ videos of 30 s and more are "
        "professional work: GPUs bring the parallel compute and let parameters change mid-run, "
        "while NPUs only run static inference.",
        "复杂动态、生成中途调整以及30秒以上的1080P+视频属于专业级需求:GPU算力充足且支持中途修改参数,"
        "NPU只能静态推理。",
    ),
    "gpu.experimental": (
        "scenario.experimental",
        "New, unoptimised models run almost out of the box on GPUs (PyTorch, Diffusers) and can "
        "be profiled; NPU toolchain adaptation can take weeks.",
        "新的、未优化的模型在GPU上几乎开箱即用(PyTorch、Diffusers),并便于调试;NPU工具链适配可能需数周。",
    ),
    "gpu.cuda": (
        "pitfall.cuda-only",
        "The model only supports CUDA: moving it to an NPU needs heavy adaptation or may not "
        "work at all, so GPUs come first.",
        "模型仅支持CUDA:迁移到NPU需要大量适配甚至无法运行,应优先选GPU。",
    ),
    "gpu.training": (
        "scenario.datacenter",
        "Training and fine-tuning video models run on GPUs (A100-class).",
        "视频生成模型的训练与微调在GPU(如A100)上进行。",
    ),
    "placed.server": (
        "questions.deployment",
        "Assumed it runs on servers or a workstation; on a phone or edge device the NPU would "
        "be required instead.",
        "假设在服务器或工作站上运行;若在手机或边缘设备上,则必须改用NPU。",
    ),
    "server.default": (
        "summary",
        "On servers GPUs are the flexible default: mainstream models run as they are, and NPUs "
        "pay off only for large standardized batches.",
        "在服务器上GPU是灵活的默认选择:主流模型直接可用,NPU只在大规模标准化批量生成时才划算。",
    ),
    "server.batch_unknown": (
        "scenario.datacenter",
        "Assumed this is not a standardized batch of tens of thousands of videos a day; if it "
        "is, GPU training with NPU inference saves 30-50 % energy.",
        "假设不是每天数万条的标准化批量任务;若是,GPU训练+NPU推理可节省30%-50%能耗。",
    ),
    "server.cost": (
        "scenario.datacenter",
        "NPU inference saves energy only for standardized jobs at tens of thousands a day; "
        "standardize the jobs to benefit.",
        "NPU推理只有在每天数万条的标准化任务中才省电;任务标准化后才能受益。",
    ),
    "close.battery_client": (
        "pitfall.gpu-on-device",
        "The battery-powered device only receives the finished video: keep the GPUs on the "
        "server, never on the device.",
        "电池供电的设备只接收成品视频:GPU必须留在服务器上,不要放到设备上。",
    ),
}
