/**
 * Planning before touching a machine: who holds each APQN and why ({@link
 * io.github.apmatrix.api.plan.Queries}), dry runs of any operation or script on a copy of the host
 * ({@link io.github.apmatrix.api.plan.DryRun}), and proposals that meet guests' requests under
 * every kernel rule while changing as little as possible ({@link
 * io.github.apmatrix.api.plan.Planner}).
 */
@CheckReturnValue
@NullMarked
package io.github.apmatrix.api.plan;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
