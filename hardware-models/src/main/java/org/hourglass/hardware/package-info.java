/**
 * What the cluster is made of: GPUs, nodes, links and cluster topologies, each figure traced to a datasheet.
 * Built-in descriptions are YAML resources loadable by name; users may load their own files.
 */
package org.hourglass.hardware;
