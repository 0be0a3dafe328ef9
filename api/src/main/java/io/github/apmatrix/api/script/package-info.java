/**
 * The script language of the launcher ({@code echo}, {@code cat}, {@code ls}, {@code guest}, and
 * verbs for hardware events): {@link io.github.apmatrix.api.script.ScriptRunner} runs it against
 * one host through its emulated sysfs, and {@link io.github.apmatrix.core.model.HostPreset} names
 * the hosts it can start from.
 */
@CheckReturnValue
@NullMarked
package io.github.apmatrix.api.script;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
