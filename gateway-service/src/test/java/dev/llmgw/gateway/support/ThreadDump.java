package dev.llmgw.gateway.support;

import java.util.Map;

/**
 * Every thread's stack, printed when a test's request to an in-process gateway times out,
 * so that a stall seen only under a loaded CI run shows what the event loops were doing
 * at that moment.
 */
public final class ThreadDump {

	private ThreadDump() {
	}

	public static void print(String why) {
		StringBuilder dump = new StringBuilder("==== thread dump: ").append(why).append(" ====\n");
		for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
			Thread thread = entry.getKey();
			dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
			for (StackTraceElement frame : entry.getValue()) {
				dump.append("    at ").append(frame).append('\n');
			}
		}
		System.err.println(dump);
	}

}
