package io.mtnas;

public final class Main {
  public static void main(String[] args) {
    System.out.println("mtnas");
  }
}
