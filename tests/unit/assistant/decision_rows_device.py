"""Decision-table rows for phones, tablets and edge devices."""

from __future__ import annotations

from decision_rows import Case

DEVICE_CASES = [
    # Mobile.
    Case(
        "phone, 10 s 720p",
        {"deployment": "phone", "resolution": "720p", "duration_seconds": "10s"},
        "NPU",
        "scenario.mobile",
        ("scenario.mobile", "pitfall.gpu-on-device"),
        firm=True,
    ),
    Case(
        "手机,十秒高清",
        {"deployment": "手机", "resolution": "高清", "duration_seconds": "十秒"},
        "NPU",
        "scenario.mobile",
        ("scenario.mobile",),
        firm=True,
    ),
    Case(
        "tablet, 30 s 1080p",
        {"deployment": "tablet", "resolution": "1080p", "duration_seconds": 30},
        "NPU",
        "scenario.mobile",
        warns=("scenario.mobile",),
    ),
    Case(
        "平板 only",
        {"deployment": "平板"},
        "NPU",
        "scenario.mobile",
        ("pitfall.npu-not-universal",),
        firm=True,
    ),
    Case(
        "phone app, cost first",
        {
            "deployment": "smartphone",
            "cost_priority": "yes",
            "resolution": "720p",
            "duration_seconds": 8,
        },
        "NPU",
        "scenario.mobile",
        ("scenario.mobile",),
        firm=True,
    ),
    Case(
        "phone at 60 fps",
        {"deployment": "移动端", "fps": "60fps", "resolution": "720p", "duration_seconds": 5},
        "NPU",
        "scenario.mobile",
        warns=("questions.target",),
    ),
    Case(
        "battery device, place unknown",
        {"battery_powered": "yes", "resolution": "720p", "duration_seconds": 5},
        "NPU",
        None,
        ("pitfall.gpu-on-device",),
        firm=True,
    ),
    # Edge.
    Case(
        "drone only",
        {"deployment": "drone"},
        "NPU",
        "scenario.edge",
        ("scenario.edge", "pitfall.gpu-on-device"),
        firm=True,
    ),
    Case(
        "摄像头,720P几秒,实时",
        {
            "deployment": "摄像头",
            "resolution": "720P",
            "duration_seconds": "几秒",
            "realtime": "是",
        },
        "NPU",
        "scenario.edge",
        ("scenario.edge",),
        firm=True,
    ),
    Case(
        "edge, CUDA-only model, 5 W",
        {"deployment": "edge", "cuda_only_model": True, "power_budget_watts": "5W"},
        "NPU",
        "scenario.edge",
        ("questions.constraints",),
        warns=("pitfall.cuda-only",),
        firm=False,
    ),
    Case(
        "边缘,仅CUDA,离线",
        {
            "deployment": "边缘",
            "cuda_only_model": "是",
            "offline": "是",
            "resolution": "720p",
            "duration_seconds": 5,
        },
        "NPU",
        "scenario.edge",
        warns=("pitfall.cuda-only",),
    ),
    Case(
        "edge camera, 30 s 1080p",
        {"deployment": "camera", "resolution": "1080p", "duration_seconds": 30},
        "NPU",
        "scenario.edge",
        warns=("scenario.edge",),
    ),
    Case(
        "0.5 W budget, place unknown",
        {"power_budget_watts": "0.5W", "resolution": "480p", "duration_seconds": 3},
        "NPU",
        None,
        ("questions.constraints",),
        firm=True,
    ),
    Case(
        "IoT with an experimental model",
        {"deployment": "IoT", "experimental_model": True},
        "NPU",
        "scenario.edge",
        warns=("scenario.experimental",),
        firm=False,
    ),
    Case(
        "无人机 4K",
        {"deployment": "无人机", "resolution": "4K"},
        "GPU",
        "scenario.professional",
        warns=("pitfall.npu-not-universal", "pitfall.gpu-on-device"),
    ),
]
