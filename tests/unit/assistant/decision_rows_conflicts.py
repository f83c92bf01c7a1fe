"""Decision-table rows for conflicting requirements and for too little to go on."""

from __future__ import annotations

from decision_rows import Case

CONFLICT_CASES = [
    # Conflicts, resolved the same way every time.
    Case(
        "phone app wants 5-minute 4K",
        {"deployment": "smartphone", "resolution": "4K", "duration_seconds": "5 min"},
        "GPU",
        "scenario.professional",
        warns=("pitfall.npu-not-universal", "pitfall.gpu-on-device"),
        firm=False,
    ),
    Case(
        "手机要5分钟4K",
        {"deployment": "手机", "resolution": "4K", "duration_seconds": "5分钟"},
        "GPU",
        "scenario.professional",
        warns=("pitfall.npu-not-universal", "pitfall.gpu-on-device"),
    ),
    # Was a GPU verdict that cannot run: offline, no cloud GPUs, and none on the phone.
    Case(
        "offline phone wants 4K",
        {"deployment": "phone", "resolution": "4k", "duration_seconds": 60, "offline": True},
        None,
        None,
        ("pitfall.npu-not-universal", "pitfall.gpu-on-device"),
        warns=("pitfall.npu-not-universal", "pitfall.gpu-on-device"),
        infeasible=True,
    ),
    Case(
        "离线无人机,10分钟视频",
        {"deployment": "无人机", "duration_seconds": "10分钟", "offline": "是"},
        None,
        None,
        infeasible=True,
    ),
    Case(
        "offline battery device, 8K, place unknown",
        {"battery_powered": True, "offline": True, "resolution": "8k"},
        None,
        None,
        ("questions.deployment",),
        infeasible=True,
    ),
    Case(
        "offline phone, 4K, training only",
        {"deployment": "phone", "resolution": "4k", "offline": True, "workload": "training"},
        "GPU",
        "scenario.professional",
        warns=("pitfall.npu-not-universal", "pitfall.gpu-on-device"),
    ),
    Case(
        "phone 4K, network stated",
        {"deployment": "phone", "resolution": "4k", "duration_seconds": 60, "offline": False},
        "GPU",
        "scenario.professional",
        warns=("pitfall.gpu-on-device",),
    ),
    Case(
        "NPU please, for 8K film",
        {"resolution": "8K", "preferred_hardware": "NPU", "deployment": "cloud"},
        "GPU",
        "scenario.professional",
        warns=("pitfall.npu-not-universal",),
    ),
    Case(
        "training for a phone model",
        {"deployment": "phone", "workload": "training"},
        "GPU",
        None,
        warns=("pitfall.gpu-on-device",),
    ),
    Case(
        "train and run on phones",
        {"deployment": "手机", "workload": "训练和推理"},
        "GPU+NPU",
        "scenario.mobile",
        ("scenario.datacenter", "scenario.mobile"),
    ),
    # Was NPU ("even on a server it rules out GPUs") next to "generate on cloud GPUs": a cap on
    # a server constrains a server, so the server rules apply, and they need the target first.
    Case(
        "cloud with a 5 W budget",
        {"deployment": "cloud", "power_budget_watts": 5},
        None,
        None,
        needs=["resolution", "duration_seconds", "videos_per_day"],
    ),
    Case(
        "cloud with a 5 W budget, 1080p 20 s",
        {
            "deployment": "cloud",
            "power_budget_watts": "5W",
            "resolution": "1080p",
            "duration_seconds": 20,
        },
        "GPU",
        None,
        ("summary",),
        warns=("questions.constraints",),
    ),
    Case(
        "training for an edge model",
        {"deployment": "edge", "workload": "training"},
        "GPU",
        None,
        ("scenario.datacenter",),
        warns=("pitfall.gpu-on-device",),
        firm=True,
    ),
    Case(
        "battery client of a cloud service",
        {
            "deployment": "cloud",
            "battery_powered": True,
            "resolution": "1080p",
            "duration_seconds": 60,
            "complex_motion": True,
        },
        "GPU",
        "scenario.professional",
        warns=("pitfall.gpu-on-device",),
    ),
    Case(
        "GPU please, on a phone",
        {
            "deployment": "phone",
            "preferred_hardware": "GPU",
            "resolution": "720p",
            "duration_seconds": 5,
        },
        "NPU",
        "scenario.mobile",
        warns=("scenario.mobile",),
    ),
    # Too little to go on, and the server default.
    Case("nothing", {}, None, None, needs=["deployment", "resolution", "duration_seconds"]),
    Case(
        "cloud only",
        {"deployment": "cloud"},
        None,
        None,
        needs=["resolution", "duration_seconds", "videos_per_day"],
    ),
    Case(
        "数据中心 only",
        {"deployment": "数据中心"},
        None,
        None,
        needs=["resolution", "duration_seconds", "videos_per_day"],
    ),
    Case(
        "short 720p, place unknown",
        {"resolution": "720p", "duration_seconds": "10s"},
        None,
        None,
        needs=["deployment"],
    ),
    Case(
        "60fps only",
        {"fps": "60fps"},
        None,
        None,
        needs=["deployment", "resolution", "duration_seconds"],
    ),
    Case(
        "1080p 60 s, place unknown",
        {"resolution": "1080p", "duration_seconds": 60},
        None,
        None,
        needs=["deployment"],
    ),
    Case(
        "cloud, real time only",
        {"deployment": "cloud", "realtime": True},
        None,
        None,
        needs=["resolution", "duration_seconds", "videos_per_day"],
    ),
    Case(
        "cloud, 720p 30秒",
        {"deployment": "cloud", "resolution": "720p", "duration_seconds": "30秒"},
        "GPU",
        None,
        ("summary", "scenario.datacenter"),
        firm=False,
    ),
]
