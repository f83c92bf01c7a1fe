"""The wording of the findings about phones and edge devices, in English and Chinese."""

from __future__ import annotations

from assistant.rules.claims import Text

_TARGET = ("resolution", "duration_seconds")
_SHRINK = (
    "phone: 720p/1080p, 10 s or less; edge device: 720p or less, a few seconds",
    "手机:720P/1080P、10秒以内;边缘设备:720P以内、几秒",
)

# (section cited, stance, English, Chinese, assumed fields, claims); see assistant.rules.claims.
DEVICE_TEXTS: dict[str, Text] = {
    "device.mobile": Text(
        "scenario.mobile",
        "NPU",
        "On phones and tablets the NPU in the chip has 2-5× the energy efficiency of a GPU: a "
        "10 s 720p clip takes only 0.5 Wh (about 1 % of the battery), and a pruned model "
        "generates with < 1 s latency.",
        "手机/平板上,芯片内置的NPU能效比是GPU的2-5倍:生成10秒720P视频仅耗电0.5Wh(约占电池1%),"
        "裁剪后的模型生成延迟<1秒。",
        claims=("-server",),
    ),
    "device.edge": Text(
        "scenario.edge",
        "NPU",
        "Edge devices such as cameras and drones must use the NPU: edge NPUs usually draw under "
        "10 W, even under 1 W, and generate locally with no network delay.",
        "摄像头、无人机等边缘设备必选NPU:边缘NPU功耗通常<10W,甚至<1W,可本地生成,无网络延迟。",
        claims=("-server",),
    ),
    "device.watts": Text(
        "questions.constraints",
        "NPU",
        "A {watts} W ceiling is within edge-NPU range (usually < 10 W, even < 1 W); chipwise's "
        "reading: a GPU does not fit such a budget.",
        "{watts}W的功耗上限在边缘NPU的范围内(通常<10W,甚至<1W);chipwise 的判断:GPU容不下这样的预算。",
    ),
    "device.npu_only_choice": Text(
        "pitfall.gpu-on-device",
        "NPU",
        "On phones and edge devices a GPU's high power draw collapses battery life: on the "
        "device itself the NPU is the only choice.",
        "在手机和边缘设备上,GPU的高功耗会导致续航崩溃:在设备本身上,NPU是唯一选择。",
    ),
    "device.unplaced": Text(
        "questions.deployment",
        "neutral",
        "Assumed the battery- or power-limited device (a phone or edge device) generates the "
        "video itself; if a server generates it and the device only receives it, the server "
        "rules apply instead.",
        "假设由电池供电或功耗受限的设备(手机或边缘设备)自己生成视频;若由服务器生成、设备只接收成品,"
        "则按服务器的规则选择。",
        assumes=("deployment",),
        claims=("-server",),
    ),
    "device.training": Text(
        "scenario.datacenter",
        "GPU",
        "Model training runs on GPUs such as the A100; chipwise's advice: the device then runs "
        "only the trained model.",
        "模型训练在GPU(如A100)上进行;chipwise 建议:设备只运行训练好的模型。",
    ),
    "device.train_off_device": Text(
        "pitfall.gpu-on-device",
        "NPU",
        "chipwise's advice: train on GPU servers, not on the device (a GPU's high power draw "
        "collapses its battery life), then deploy the trained model to the device's NPU.",
        "chipwise 建议:在GPU服务器上训练,不要在设备上用GPU(高功耗会导致续航崩溃),"
        "再把训练好的模型部署到设备的NPU上。",
    ),
    "limits.edge_target": Text(
        "scenario.edge",
        "NPU",
        "The edge scenario describes clips of a few seconds at 720p or less; this target goes "
        "beyond that. chipwise's advice: keep clips short or send longer jobs to a server.",
        "边缘设备场景描述的是720P以内、几秒的片段;该规格超出了这一范围。"
        "chipwise 建议:缩短片段,或把长任务交给服务器。",
        claims=("cloud",),
    ),
    "limits.edge_target_offline": Text(
        "scenario.edge",
        "NPU",
        "The edge scenario describes clips of a few seconds at 720p or less; this target goes "
        "beyond that. chipwise's advice: keep clips short, since offline there is no server to "
        "take longer jobs.",
        "边缘设备场景描述的是720P以内、几秒的片段;该规格超出了这一范围。"
        "chipwise 建议:缩短片段,因为离线时没有服务器可以接手长任务。",
        claims=("-cloud",),
    ),
    "limits.mobile_target": Text(
        "scenario.mobile",
        "NPU",
        "The mobile scenario describes clips of 10 s or less at 720p/1080p; this target goes "
        "beyond that. chipwise's advice: split it into short clips or generate it in the cloud.",
        "移动端场景描述的是10秒以内的720P/1080P短视频;该规格超出了这一范围。"
        "chipwise 建议:拆成短片,或在云端生成。",
        claims=("cloud",),
    ),
    "limits.mobile_target_offline": Text(
        "scenario.mobile",
        "NPU",
        "The mobile scenario describes clips of 10 s or less at 720p/1080p; this target goes "
        "beyond that. chipwise's advice: split it into short clips.",
        "移动端场景描述的是10秒以内的720P/1080P短视频;该规格超出了这一范围。chipwise 建议:拆成短片。",
    ),
    "limits.fps": Text(
        "questions.target",
        "neutral",
        "chipwise's note: {fps} fps means more frames to generate than 30 fps for the same "
        "length; the framework sets no frame-rate threshold.",
        "chipwise 补充:{fps}fps在同样时长下比30fps需要生成更多帧;框架没有为帧率设定门槛。",
    ),
    "limits.cuda": Text(
        "pitfall.cuda-only",
        "GPU",
        "The model only supports CUDA, but on this device a GPU is ruled out. chipwise's "
        "advice: port it to the NPU toolchain (this may take weeks, and the model may not run "
        "at all) or offload the CUDA-only part to a GPU server.",
        "模型仅支持CUDA,但该设备排除了GPU。chipwise 建议:把它移植到NPU工具链(可能需数周,甚至可能无法运行),"
        "或把依赖CUDA的部分卸载到GPU服务器。",
        claims=("cloud",),
    ),
    "limits.cuda_offline": Text(
        "pitfall.cuda-only",
        "GPU",
        "The model only supports CUDA, but on this device a GPU is ruled out and offline there "
        "is no GPU server to offload to. chipwise's advice: port it to the NPU toolchain (this "
        "may take weeks, and the model may not run at all).",
        "模型仅支持CUDA,但该设备排除了GPU,离线时也无法卸载到GPU服务器。"
        "chipwise 建议:把它移植到NPU工具链(可能需数周,甚至可能无法运行)。",
        claims=("-cloud",),
    ),
    "limits.experimental": Text(
        "scenario.experimental",
        "GPU",
        "A new, unoptimised model has to wait for NPU toolchain adaptation, which may take "
        "weeks. chipwise's advice: debug it on a GPU first and port it to the device's NPU once "
        "it is stable.",
        "新的、未优化的模型需要等待NPU工具链适配,可能长达数周。chipwise 建议:先在GPU上调试,稳定后再移植到设备NPU。",
    ),
    "limits.motion": Text(
        "scenario.professional",
        "GPU",
        "Complex motion and mid-generation edits are GPU strengths; an NPU works in a static "
        "inference mode. chipwise's advice: keep effects simple or generate them in the cloud.",
        "复杂动态效果和生成中途调整是GPU的强项;NPU采用静态推理模式。chipwise 建议:简化效果或在云端生成。",
        claims=("cloud",),
    ),
    "limits.motion_offline": Text(
        "scenario.professional",
        "GPU",
        "Complex motion and mid-generation edits are GPU strengths; an NPU works in a static "
        "inference mode. chipwise's advice: keep effects simple on the offline device.",
        "复杂动态效果和生成中途调整是GPU的强项;NPU采用静态推理模式。chipwise 建议:在离线设备上简化效果。",
    ),
    "limits.edge_local": Text(
        "scenario.edge",
        "NPU",
        "Local NPU inference needs no network and avoids cloud latency: generate as you shoot.",
        "本地NPU推理无需网络,避免云端传输延迟,可实现“拍摄即生成”。",
    ),
    "limits.mobile_cost": Text(
        "scenario.mobile",
        "NPU",
        "The NPU is already part of the phone's chip, so it adds no hardware cost.",
        "NPU已集成在手机SoC中,无需额外硬件成本。",
    ),
    "limits.target_unknown": Text(
        "pitfall.npu-not-universal",
        "neutral",
        "Assumed short clips below 4K. For 4K/8K or videos of 5 minutes and more an NPU lacks "
        "the parallel compute; chipwise's advice then: generate on cloud GPUs and deliver the "
        "video.",
        "假设是4K以下的短片。若需4K/8K或5分钟及以上的视频,NPU并行算力不足;chipwise 建议:改在云端GPU生成后传到设备。",
        assumes=_TARGET,
        claims=("npu_fits", "cloud"),
    ),
    "limits.target_unknown_offline": Text(
        "pitfall.npu-not-universal",
        "neutral",
        "Assumed short clips below 4K. chipwise's reading: 4K/8K or videos of 5 minutes and "
        "more cannot be generated on this offline device: its NPU lacks the parallel compute "
        "and there is no network to cloud GPUs.",
        "假设是4K以下的短片。chipwise 的判断:4K/8K或5分钟及以上的视频无法在这台离线设备上生成:"
        "NPU并行算力不足,也没有网络可用云端GPU。",
        assumes=_TARGET,
        claims=("npu_fits", "-cloud"),
    ),
    # A heavy target on a device: pitfall 1 needs GPUs, pitfall 2 keeps them off the device.
    "heavy.device_npu": Text(
        "pitfall.npu-not-universal",
        "NPU",
        "The device's NPU lacks the parallel compute for this as well, and generation may take "
        "too long. chipwise's advice: to stay on the device, cut the job to what the device's "
        f"scenario describes ({_SHRINK[0]}).",
        "设备上的NPU同样缺乏足够的并行算力,生成时间可能过长。chipwise 建议:若必须留在设备上,"
        f"请把任务缩到该设备场景的范围({_SHRINK[1]})。",
        claims=("-npu_fits",),
    ),
    "heavy.device_gpu": Text(
        "pitfall.gpu-on-device",
        "GPU",
        "Don't run a GPU on the device: its high power draw collapses battery life. chipwise's "
        "advice: generate on cloud GPUs and deliver the finished video to the device.",
        "不要在设备上运行GPU:高功耗会导致续航崩溃。chipwise 建议:在云端GPU上生成,再把成品视频传到设备上。",
        claims=("cloud",),
    ),
    "heavy.device_gpu_offline": Text(
        "pitfall.gpu-on-device",
        "neutral",
        "Don't run a GPU on the device: its high power draw collapses battery life.",
        "不要在设备上运行GPU:高功耗会导致续航崩溃。",
    ),
    "heavy.online_assumed": Text(
        "pitfall.gpu-on-device",
        "neutral",
        "Assumed the device has a network connection to receive videos generated on cloud "
        "GPUs; chipwise's reading: offline, no hardware fits this target.",
        "假设设备有网络连接,可以接收云端GPU生成的视频;chipwise 的判断:若离线,没有硬件能满足这一规格。",
        assumes=("offline",),
        claims=("cloud",),
    ),
    "heavy.train_offline": Text(
        "pitfall.npu-not-universal",
        "NPU",
        "chipwise's reading: the trained model cannot generate this target on the offline "
        "device, whose NPU lacks the parallel compute, with no network to cloud GPUs. "
        f"chipwise's advice: train for what the device's NPU handles ({_SHRINK[0]}).",
        "chipwise 的判断:训练好的模型无法在这台离线设备上生成该规格:NPU并行算力不足,也没有网络可用云端GPU。"
        f"chipwise 建议:按设备NPU能处理的范围训练({_SHRINK[1]})。",
        claims=("-npu_fits", "-cloud"),
    ),
    # No feasible hardware: why, then the two ways out.
    "infeasible.no_device_gpu": Text(
        "pitfall.gpu-on-device",
        "NPU",
        "On a phone or edge device the GPU this target needs is ruled out: its high power draw "
        "collapses battery life, so the NPU is the only choice on the device.",
        "在手机或边缘设备上,这一规格所需的GPU被排除:高功耗会导致续航崩溃,设备上只能用NPU。",
    ),
    "infeasible.offline": Text(
        "pitfall.gpu-on-device",
        "neutral",
        "chipwise's reading: offline, the device cannot hand the job to cloud GPUs either, so "
        "no hardware fits this job as stated.",
        "chipwise 的判断:离线时设备也无法把任务交给云端GPU,因此按现有条件没有可行的硬件方案。",
        claims=("-cloud",),
    ),
    "infeasible.shrink": Text(
        "pitfall.npu-not-universal",
        "NPU",
        "Way out 1, chipwise's advice: shrink the job to what the device's NPU handles "
        f"({_SHRINK[0]}) and generate it on the device.",
        f"出路一,chipwise 建议:把任务缩到设备NPU能处理的范围({_SHRINK[1]}),在设备上生成。",
    ),
    "infeasible.cloud": Text(
        "pitfall.gpu-on-device",
        "GPU",
        "Way out 2, chipwise's advice: if the device can get a network connection, generate "
        "the video on cloud GPUs and deliver the finished file to the device.",
        "出路二,chipwise 建议:如果设备能联网,就在云端GPU上生成视频,再把成品传到设备上。",
    ),
}
