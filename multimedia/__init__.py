"""Video and sound: uploads probed with ffprobe, renditions made with ffmpeg on the worker."""
