/**
 * Where a run's graph executes: the devices a command line names ({@link dev.rethink.runtime.device.Devices},
 * {@code --devices cpu:N|gpu:I-J}), the devices TensorFlow actually sees
 * ({@link dev.rethink.runtime.device.TensorFlowDevices}), and the session configuration that makes them
 * ({@link dev.rethink.runtime.device.SessionConfigs}: virtual CPU devices, GPU visibility, threads).
 */
package dev.rethink.runtime.device;
