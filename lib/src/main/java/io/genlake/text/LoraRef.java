package io.genlake.text;

/** A LoRA named in a prompt, {@code <lora:name:0.8>}; strength 1.0 when the prompt gives none. */
public record LoraRef(String name, double strength) {}
