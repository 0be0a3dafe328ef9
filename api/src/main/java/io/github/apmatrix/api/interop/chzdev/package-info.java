/**
 * chzdev's persistent AP masks: the file {@code /etc/udev/rules.d/41-ap.rules} read as ap-check and
 * chzdev read it and written as chzdev writes it ({@link
 * io.github.apmatrix.api.interop.chzdev.ApRules}).
 */
@CheckReturnValue
@NullMarked
package io.github.apmatrix.api.interop.chzdev;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
