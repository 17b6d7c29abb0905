package io.tickstore.cli;

import io.tickstore.snapshot.internal.fault.FaultPoint;
import io.tickstore.snapshot.internal.fault.Faults;
import java.io.PrintWriter;
import java.util.Arrays;

/**
 * {@code ./tickstore} with a fault planted: {@code FaultyRun POINT KIND OCCURRENCE COMMAND...} installs the plan and
 * runs the command. Exits 0/1/2 as the command does, 137 when the plan killed the process, and prints
 * {@code fault fired} or {@code fault not reached} last, so the matrix knows which happened.
 */
public final class FaultyRun {
    private FaultyRun() {
    }

    public static void main(String[] args) {
        Faults.install(new Faults.Plan(FaultPoint.valueOf(args[0]), Faults.Kind.valueOf(args[1]), Integer.parseInt(args[2])));
        PrintWriter out = new PrintWriter(System.out, true);
        int code = Main.execute(Arrays.copyOfRange(args, 3, args.length), out, new PrintWriter(System.err, true));
        out.println(Faults.fired() ? "fault fired" : "fault not reached (" + Faults.arrivals() + " arrivals)");
        out.flush();
        System.exit(code);
    }
}
