/**
 * Reports people read: one report model rendered as text, JSON, Markdown and self-contained HTML, with JFreeChart charts and Chrome/Perfetto traces.
 * Every report states its inputs so a number on a slide can be reproduced.
 */
package org.hourglass.reports;
